// Exits with the status given as its first argument.
var a = Environment.GetCommandLineArgs();
Console.WriteLine(a.Length == 2 ? "ok exit-arg" : $"not ok exit-arg # argc={a.Length}");
return a.Length == 2 && int.TryParse(a[1], out var code) ? code : 99;
