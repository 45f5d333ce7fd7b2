package dev.obskit.errors.grouping;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Rewrites the parts of Java class and method names that code generators make unstable, so the
 * same code path hashes the same across restarts and deployments. Follows Sentry's newstyle Java
 * rules (CGLIB, Guice, Javassist, Hibernate proxies, reflection accessors, lambdas, Clojure) plus
 * JDK dynamic proxies and ByteBuddy. Stateless and thread-safe.
 */
final class FrameNormalizer {
  /** What generated suffixes are replaced with, as in Sentry. */
  static final String AUTO = "<auto>";

  private static final List<Pattern> MODULE_PATTERNS = List.of(
      // Spring/CGLIB: Service$$EnhancerBySpringCGLIB$$1a2b3c, Service$$SpringCGLIB$$0
      Pattern.compile("\\$\\$[\\w_]+?CGLIB\\$\\$[a-fA-F0-9]+(_[0-9]+)?"),
      // Guice: $$EnhancerByGuice$$1a2b, $$FastClassByGuice$$1a2b
      Pattern.compile("\\$\\$?(EnhancerBy|FastClassBy)[\\w_]+?\\$?\\$[a-fA-F0-9]+(_[0-9]+)?"),
      // Hibernate: Order$HibernateProxy$jWk3Ty9a
      Pattern.compile("\\$\\$?HibernateProxy\\$?\\$?\\w+"),
      // Javassist: Foo_$$_jvst3c1_0 and Foo_$$_javassist_12
      Pattern.compile("_\\$\\$_jvst[0-9a-fA-F]+_[0-9a-fA-F]+"),
      Pattern.compile("\\$\\$_javassist(_seam)?(_\\d+)?"),
      // ByteBuddy: Foo$ByteBuddy$a1b2C3d4
      Pattern.compile("\\$ByteBuddy\\$\\w+"),
      // JDK dynamic proxies: com.sun.proxy.$Proxy12, jdk.proxy2.$Proxy31
      Pattern.compile("(?<=\\$Proxy)\\d+"),
      Pattern.compile("(?<=^jdk\\.proxy)\\d+"),
      // Reflection accessors: GeneratedMethodAccessor123, GeneratedSerializationConstructorAccessor7
      Pattern.compile("(?<=GeneratedMethodAccessor)\\d+"),
      Pattern.compile("(?<=Generated(Serialization)?ConstructorAccessor)\\d+"),
      // Clojure: user$fn__1234
      Pattern.compile("\\$fn__\\d+"));

  private static final int MAX_CACHED = 4096;
  private static final ConcurrentHashMap<String, String> NORMALIZED = new ConcurrentHashMap<>();

  private FrameNormalizer() {}

  /** Returns whether the frame is generated glue that must never contribute to a hash. */
  static boolean isIgnored(String module, String function) {
    if (module != null && module.indexOf('$') >= 0 && (module.contains("$$Lambda$")
        || module.contains("$$Lambda/") || module.contains("$$Lambda."))) {
      return true;
    }
    return function != null && function.startsWith("lambda$", 0);
  }

  /** Returns the module with generated parts replaced by {@value #AUTO}; null stays null. */
  static String normalizeModule(String module) {
    if (module == null || !mayBeGenerated(module)) {
      return module;
    }
    // The same generated classes recur in every event of an issue; eleven regex passes each time
    // were a tenth of ingest grouping. Bounded: once full, new names are computed, not cached.
    String cached = NORMALIZED.get(module);
    if (cached != null) {
      return cached;
    }
    String out = module;
    for (Pattern p : MODULE_PATTERNS) {
      out = p.matcher(out).replaceAll(AUTO);
    }
    if (NORMALIZED.size() < MAX_CACHED) {
      NORMALIZED.put(module, out);
    }
    return out;
  }

  /** Returns the function with generated parts replaced; accessor methods keep their name. */
  static String normalizeFunction(String function) {
    if (function == null || function.indexOf('$') < 0) {
      return function;
    }
    // CGLIB renames intercepted methods CGLIB$save$3; the index changes between builds.
    if (function.startsWith("CGLIB$")) {
      return function.replaceAll("\\$\\d+$", "\\$" + AUTO);
    }
    return function;
  }

  // A cheap pre-check keeps the regexes off the common path of ordinary and inner classes.
  private static boolean mayBeGenerated(String module) {
    if (module.indexOf('$') < 0) {
      // Only the reflection accessor and jdk.proxy patterns can match a name without '$'.
      return module.contains("Accessor") || module.startsWith("jdk.proxy");
    }
    return module.contains("$$") || module.contains("$Proxy") || module.contains("HibernateProxy")
        || module.contains("ByteBuddy") || module.contains("Accessor") || module.contains("$fn__")
        || module.startsWith("jdk.proxy");
  }
}
