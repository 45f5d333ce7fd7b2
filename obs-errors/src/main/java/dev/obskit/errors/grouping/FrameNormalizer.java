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

  /** A generated part and its replacement; {@code $1} keeps the marker the pattern captured. */
  private record Rewrite(Pattern pattern, String replacement) {}

  /**
   * Current rules (Sentry's newstyle): the generator's marker stays, only the unstable suffix
   * becomes {@value #AUTO}, so a Guice enhancer and a Guice fast class remain different frames.
   */
  private static final List<Rewrite> MODULE_REWRITES = List.of(
      // Spring/CGLIB: Service$$EnhancerBySpringCGLIB$$1a2b3c, Service$$SpringCGLIB$$0
      new Rewrite(Pattern.compile("(\\$\\$[\\w_]+?CGLIB\\$\\$)[a-fA-F0-9]+(_[0-9]+)?"), "$1" + AUTO),
      // Guice: $$EnhancerByGuice$$1a2b, $$FastClassByGuice$$1a2b
      new Rewrite(Pattern.compile("(\\$\\$?(?:EnhancerBy|FastClassBy)[\\w_]+?\\$?\\$)[a-fA-F0-9]+(_[0-9]+)?"),
          "$1" + AUTO),
      // Hibernate: Order$HibernateProxy$jWk3Ty9a
      new Rewrite(Pattern.compile("(\\$\\$?HibernateProxy\\$?\\$?)\\w+"), "$1" + AUTO),
      // Javassist: Foo_$$_jvst3c1_0 and Foo_$$_javassist_12
      new Rewrite(Pattern.compile("(_\\$\\$_jvst)[0-9a-fA-F]+_[0-9a-fA-F]+"), "$1" + AUTO),
      new Rewrite(Pattern.compile("(\\$\\$_javassist)(_seam)?(_\\d+)?"), "$1" + AUTO),
      // ByteBuddy: Foo$ByteBuddy$a1b2C3d4
      new Rewrite(Pattern.compile("(\\$ByteBuddy\\$)\\w+"), "$1" + AUTO),
      // JDK dynamic proxies: com.sun.proxy.$Proxy12, jdk.proxy2.$Proxy31
      new Rewrite(Pattern.compile("(?<=\\$Proxy)\\d+"), AUTO),
      new Rewrite(Pattern.compile("(?<=^jdk\\.proxy)\\d+"), AUTO),
      // Reflection accessors: GeneratedMethodAccessor123, GeneratedSerializationConstructorAccessor7
      new Rewrite(Pattern.compile("(?<=GeneratedMethodAccessor)\\d+"), AUTO),
      new Rewrite(Pattern.compile("(?<=Generated(Serialization)?ConstructorAccessor)\\d+"), AUTO),
      // Clojure: user$fn__1234
      new Rewrite(Pattern.compile("(\\$fn__)\\d+"), "$1" + AUTO));

  /** The previous rules ({@link GroupingConfig#LEGACY_VERSION}): the whole generated part goes. */
  private static final List<Rewrite> LEGACY_MODULE_REWRITES = List.of(
      new Rewrite(Pattern.compile("\\$\\$[\\w_]+?CGLIB\\$\\$[a-fA-F0-9]+(_[0-9]+)?"), AUTO),
      new Rewrite(Pattern.compile("\\$\\$?(EnhancerBy|FastClassBy)[\\w_]+?\\$?\\$[a-fA-F0-9]+(_[0-9]+)?"), AUTO),
      new Rewrite(Pattern.compile("\\$\\$?HibernateProxy\\$?\\$?\\w+"), AUTO),
      new Rewrite(Pattern.compile("_\\$\\$_jvst[0-9a-fA-F]+_[0-9a-fA-F]+"), AUTO),
      new Rewrite(Pattern.compile("\\$\\$_javassist(_seam)?(_\\d+)?"), AUTO),
      new Rewrite(Pattern.compile("\\$ByteBuddy\\$\\w+"), AUTO),
      new Rewrite(Pattern.compile("(?<=\\$Proxy)\\d+"), AUTO),
      new Rewrite(Pattern.compile("(?<=^jdk\\.proxy)\\d+"), AUTO),
      new Rewrite(Pattern.compile("(?<=GeneratedMethodAccessor)\\d+"), AUTO),
      new Rewrite(Pattern.compile("(?<=Generated(Serialization)?ConstructorAccessor)\\d+"), AUTO),
      new Rewrite(Pattern.compile("\\$fn__\\d+"), AUTO));

  private static final int MAX_CACHED = 4096;
  private static final ConcurrentHashMap<String, String> NORMALIZED = new ConcurrentHashMap<>();
  private static final ConcurrentHashMap<String, String> LEGACY_NORMALIZED = new ConcurrentHashMap<>();

  private FrameNormalizer() {}

  /**
   * Returns whether the module is a lambda's synthetic class ({@code Foo$$Lambda$12/0x0008}): its
   * module part never contributes, its function still does.
   */
  static boolean isLambdaClass(String module) {
    return module != null && module.indexOf('$') >= 0 && (module.contains("$$Lambda$")
        || module.contains("$$Lambda/") || module.contains("$$Lambda."));
  }

  /**
   * Returns whether the function is a lambda body ({@code lambda$place$0}): its function part
   * never contributes, its module still does.
   */
  static boolean isLambdaFunction(String function) {
    return function != null && function.startsWith("lambda$", 0);
  }

  /** Previous rules: a frame with either lambda part is dropped whole. */
  static boolean isIgnored(String module, String function) {
    return isLambdaClass(module) || isLambdaFunction(function);
  }

  /** Returns the module with generated parts replaced by {@value #AUTO}; null stays null. */
  static String normalizeModule(String module) {
    return normalize(module, MODULE_REWRITES, NORMALIZED);
  }

  /** The previous rules' {@link #normalizeModule}: the marker goes too. */
  static String normalizeModuleLegacy(String module) {
    return normalize(module, LEGACY_MODULE_REWRITES, LEGACY_NORMALIZED);
  }

  private static String normalize(String module, List<Rewrite> rewrites,
      ConcurrentHashMap<String, String> cache) {
    if (module == null || !mayBeGenerated(module)) {
      return module;
    }
    // The same generated classes recur in every event of an issue; eleven regex passes each time
    // were a tenth of ingest grouping. Bounded: once full, new names are computed, not cached.
    String cached = cache.get(module);
    if (cached != null) {
      return cached;
    }
    String out = module;
    for (Rewrite r : rewrites) {
      out = r.pattern.matcher(out).replaceAll(r.replacement);
    }
    if (cache.size() < MAX_CACHED) {
      cache.put(module, out);
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
