// Drives TeaVM's compiler (teavm-tooling, from Maven Central) to one WASI module: the CLI
// artifact is not published for 0.13, so this is the few calls its Maven plugin makes.
// Usage: TeaVMBuild <classes dir> <main class> <out dir> <out file name>
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.teavm.diagnostics.Problem;
import org.teavm.tooling.ConsoleTeaVMToolLog;
import org.teavm.tooling.TeaVMTargetType;
import org.teavm.tooling.TeaVMTool;
import org.teavm.vm.TeaVMOptimizationLevel;

public final class TeaVMBuild {
  public static void main(String[] args) throws Exception {
    TeaVMTool tool = new TeaVMTool();
    tool.setTargetType(TeaVMTargetType.WEBASSEMBLY_WASI);
    // The guest's classes, then TeaVM's class library from the driver's own class path.
    List<File> classPath = new ArrayList<>(List.of(new File(args[0])));
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) classPath.add(new File(entry));
    tool.setClassPath(classPath);
    tool.setMainClass(args[1]);
    tool.setTargetDirectory(new File(args[2]));
    tool.setTargetFileName(args[3]);
    tool.setOptimizationLevel(TeaVMOptimizationLevel.ADVANCED);
    tool.setLog(new ConsoleTeaVMToolLog(false));
    tool.generate();
    List<Problem> severe = tool.getProblemProvider().getSevereProblems();
    for (Problem p : severe) {
      System.err.println("teavm: " + p.getText() + " " + java.util.Arrays.toString(p.getParams()) + (p.getLocation() != null ? " at " + p.getLocation() : ""));
    }
    System.exit(severe.isEmpty() ? 0 : 1);
  }
}
