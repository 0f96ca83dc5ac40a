// Receives the arguments declared by suites/cli/args.yaml and compares them.
var failures = 0;
void Check(bool ok, string name, string detail)
{
    if (ok) Console.WriteLine($"ok {name}");
    else { failures++; Console.WriteLine($"not ok {name} # {detail}"); }
}
var a = Environment.GetCommandLineArgs();
string At(int i) => i < a.Length ? a[i] : "(none)";
Check(a.Length == 4, "argc", $"argc={a.Length}, want 4");
Check(a.Length > 0 && a[0] != "", "argv0-present", "argv[0] empty");
Check(At(1) == "alpha", "argv-plain", $"argv[1]={At(1)}");
Check(At(2) == "beta gamma", "argv-space", $"argv[2]={At(2)}");
Check(At(3) == "ünicøde", "argv-utf8", $"argv[3]={At(3)}");
return failures == 0 ? 0 : 1;
