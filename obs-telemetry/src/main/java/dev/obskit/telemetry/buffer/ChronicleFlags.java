package dev.obskit.telemetry.buffer;

import java.util.ArrayList;
import java.util.List;

/**
 * Detects whether the JVM was started with the flags Chronicle Queue needs on Java 17+, without
 * loading (initialising) any Chronicle class. Chronicle itself fails later with an
 * {@code AssertionError} about {@code FileChannelImpl.map0}, or silently turns the queue
 * read-only; checking the module graph up front gives the host a message it can act on.
 */
final class ChronicleFlags {
  /** The flags ObsKit documents and the root pom passes to tests (property obs.chronicle.jvm.flags). */
  static final String RECOMMENDED = "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED"
      + " --add-opens=java.base/java.nio=ALL-UNNAMED"
      + " --add-opens=java.base/sun.nio.ch=ALL-UNNAMED"
      + " --add-opens=java.base/java.lang=ALL-UNNAMED"
      + " --add-exports=java.base/sun.nio.ch=ALL-UNNAMED"
      + " --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED"
      + " --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED"
      + " --add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED";

  private ChronicleFlags() {}

  /** Returns the required flags missing from this JVM (empty when Chronicle can run). */
  static List<String> missing() {
    Module chronicle = chronicleModule();
    List<String> missing = new ArrayList<>();
    for (String flag : RECOMMENDED.split(" ")) {
      if (!present(flag, chronicle)) {
        missing.add(flag);
      }
    }
    return missing;
  }

  /** {@code --add-opens=module/package=ALL-UNNAMED} or {@code --add-exports=...}. */
  private static boolean present(String flag, Module chronicle) {
    String spec = flag.substring(flag.indexOf('=') + 1, flag.lastIndexOf('='));
    String moduleName = spec.substring(0, spec.indexOf('/'));
    String pkg = spec.substring(spec.indexOf('/') + 1);
    Module module = ModuleLayer.boot().findModule(moduleName).orElse(null);
    if (module == null) {
      return true; // a JDK without that module: nothing to open
    }
    return flag.startsWith("--add-opens") ? module.isOpen(pkg, chronicle)
        : module.isExported(pkg, chronicle);
  }

  private static Module chronicleModule() {
    try {
      // initialize=false: loading the class is harmless, only initialising it starts Chronicle.
      return Class.forName("net.openhft.chronicle.core.Jvm", false,
          ChronicleFlags.class.getClassLoader()).getModule();
    } catch (ClassNotFoundException e) {
      return ChronicleFlags.class.getModule();
    }
  }

  /** The message for a JVM without the flags: names them and the in-memory alternative. */
  static String message(List<String> missing) {
    return "The durable telemetry buffer (Chronicle Queue) needs JVM flags that are missing: "
        + String.join(" ", missing) + ". Start the JVM with: " + RECOMMENDED
        + " (Maven surefire: <argLine>; Gradle: jvmArgs; java -jar: before -jar). Or, accepting"
        + " that buffered telemetry is lost on a crash, set obs.telemetry.buffer.type=memory"
        + " (TelemetryConfig.Builder#setBufferType(BufferType.MEMORY)).";
  }
}
