package dev.obskit.errors.grouping;

import dev.obskit.errors.event.ErrorEvent;
import dev.obskit.errors.event.ExceptionValue;
import dev.obskit.errors.event.LogEntry;
import dev.obskit.errors.event.ProcessingBudget;
import dev.obskit.errors.event.StackFrame;
import dev.obskit.errors.event.ThreadInfo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides which group (issue) an event belongs to, the way Sentry's newstyle grouping does for
 * Java. The group key is the lowercase hex MD5 of the event's <em>components</em>, UTF-8, joined by
 * {@code '\n'}. Components, strongest rule first:
 *
 * <ol>
 *   <li><b>Fingerprint</b> (the event's own, else the first matching project {@link
 *       FingerprintRule}): one component {@code fingerprint:<part>} per part, variables expanded
 *       ({@code {{ type }}}, {@code {{ value }}}, {@code {{ function }}}, {@code {{ module }}},
 *       {@code {{ message }}}, {@code {{ transaction }}}, {@code {{ logger }}}, {@code {{ level }}},
 *       {@code {{ tags.x }}}, with {@code error.}/{@code stack.} prefixed aliases). A part that is
 *       {@code {{ default }}} is replaced by the default components below; an empty fingerprint or
 *       one that is only {@code {{ default }}} means default grouping.
 *   <li><b>Stack trace</b>: for each exception of the chain, root cause first, {@code type:<type>}
 *       (omitted when the mechanism is synthetic) then one {@code frame:<module>#<function>} per
 *       contributing frame, caller to callee. Only in-app frames contribute when any exception has
 *       one ({@link GroupingStrategy#APP_STACKTRACE}); otherwise all groupable frames do ({@link
 *       GroupingStrategy#SYSTEM_STACKTRACE}). Line numbers never contribute. The unstable suffix
 *       of a generated class becomes {@code <auto>} while its marker stays ({@code
 *       Foo$$EnhancerByGuice$$<auto>}); a lambda body ({@code lambda$name$N}) contributes its
 *       module only, a lambda class ({@code $$Lambda$}) its function only; reflection frames and
 *       frames below a thread-pool worker are dropped; only a frame identical to the one before
 *       it (module, function, line: recursion) counts once; framework modules are never in-app.
 *       An exception of the chain whose stack does not contribute adds {@code value:<normalised
 *       message>} instead.
 *   <li><b>Stack of an event without exceptions</b>: the event-level {@code stacktrace}, else the
 *       representative thread's stack, as frames only (a stack beats the message, as Sentry's
 *       threads and stacktrace strategies outrank its message strategy).
 *   <li><b>Exception value</b> when no exception has a usable frame: {@code type:} and {@code
 *       value:} per exception.
 *   <li><b>Message</b>: {@code message:<template or message>}, first two lines, parameterised by
 *       {@link MessageParameterizer}.
 *   <li><b>Fallback</b>: the single component {@code fallback}.
 * </ol>
 * A newline inside a component is written as the two characters {@code \n}.
 *
 * <p><b>Variants.</b> Like Sentry, an event can have several hashes ({@link
 * GroupingResult#variants()}): when in-app frames decided the primary hash ({@code app}), the
 * {@code system} variant hashes the same components with every groupable frame contributing (a
 * fingerprint with {@code {{ default }}} expands to the system components there). It is omitted
 * when it equals the app components. An issue keeps every hash it was created with or found through, so an event whose
 * in-app frames changed (a new in-app package, an SDK that stopped marking frames) still finds its
 * issue through the system hash. The system variant costs a second component pass and MD5 over the
 * library frames, so it is computed only when {@link GroupingResult#variants()} is first read:
 * {@code IssueService} reads it only for an event whose primary hash names no issue yet.
 *
 * <p><b>Threads.</b> When no exception of the chain has a frame but the event carries Sentry's
 * {@code threads} interface, the frames of the representative thread ({@link
 * ThreadInfo#representative}: the only crashed, else the only current, else the only thread) stand
 * in for the main (outermost) exception's stack (the event-level {@code stacktrace} goes first),
 * so such an event groups by type and frames exactly like one whose SDK put the stack on the
 * exception.
 *
 * <p><b>Versions.</b> {@link GroupingConfig#LEGACY_VERSION} selects the previous rules. With a
 * {@link GroupingConfig#secondaryVersion()} (the default config names the previous rules), the
 * variants end with that version's hashes, so an event whose hash changed with the rules finds
 * the issue created under the old ones (Sentry's secondary grouping during an upgrade).
 *
 * <p>Thread-safe and allocation-light; never throws on any event.
 */
public final class GroupingEngine {
  private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([\\w.]+)\\s*\\}\\}");
  private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(GroupingEngine::md5);
  private static final ThreadLocal<StringBuilder> BUFFER =
      ThreadLocal.withInitial(() -> new StringBuilder(2048));
  private static final ThreadLocal<byte[]> ASCII = ThreadLocal.withInitial(() -> new byte[2048]);
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final GroupingConfig config;
  private final PrefixSet frameworkPrefixes;
  private final PrefixSet ungroupedPrefixes;
  private final boolean legacy;
  private final GroupingEngine secondary;

  private GroupingEngine(GroupingConfig config) {
    this.config = config;
    this.frameworkPrefixes = new PrefixSet(config.frameworkPrefixes());
    this.ungroupedPrefixes = new PrefixSet(config.ungroupedPrefixes());
    this.legacy = config.legacyRules();
    this.secondary = config.secondaryVersion() == null ? null
        : new GroupingEngine(config.withVersions(config.secondaryVersion(), null));
  }

  /** Returns an engine with the built-in rules. */
  public static GroupingEngine create() {
    return create(GroupingConfig.defaults());
  }

  /** Returns an engine following {@code config}. */
  public static GroupingEngine create(GroupingConfig config) {
    return new GroupingEngine(Objects.requireNonNull(config, "config"));
  }

  /** Returns the rules in use. */
  public GroupingConfig config() {
    return config;
  }

  /**
   * Groups one event: the primary hash and, when the in-app frames decided it, the {@code system}
   * hash of all groupable frames as a second variant (skipped when it would hash the same
   * components), computed on the first read of {@link GroupingResult#variants()}.
   */
  public GroupingResult group(ErrorEvent event) {
    Objects.requireNonNull(event, "event");
    StringBuilder sb = BUFFER.get();
    sb.setLength(0);
    List<String> fingerprint = event.fingerprint();
    if (fingerprint.isEmpty()) {
      fingerprint = ruleFingerprint(event);
    }
    GroupingStrategy strategy = components(event, fingerprint, false, sb);
    String text = sb.toString();
    String hash = hash(sb, text);
    GroupingResult result;
    if (strategy == GroupingStrategy.APP_STACKTRACE || secondary != null) {
      List<String> fp = fingerprint;
      result = GroupingResult.deferred(hash, strategy, config.version(), text,
          () -> withSecondary(event, strategy == GroupingStrategy.APP_STACKTRACE
              ? appAndSystemVariants(event, fp, hash, text)
              : List.of(new GroupingVariant(strategy.variantName(), hash))));
    } else {
      result = new GroupingResult(hash, strategy, config.version(), text);
    }
    if (sb.capacity() > 64 * 1024) {
      BUFFER.remove();
    }
    return result;
  }

  /**
   * Appends the secondary config's hashes (named {@code <version>:<variant>}), skipping any
   * already present, so an event finds the issue its hashes under the previous rules name.
   */
  private List<GroupingVariant> withSecondary(ErrorEvent event, List<GroupingVariant> primary) {
    if (secondary == null) {
      return primary;
    }
    List<GroupingVariant> out = new java.util.ArrayList<>(primary);
    for (GroupingVariant v : secondary.group(event).variants()) {
      boolean known = false;
      for (GroupingVariant o : out) {
        known |= o.hash().equals(v.hash());
      }
      if (!known) {
        out.add(new GroupingVariant(secondary.config.version() + ":" + v.name(), v.hash(), true));
      }
    }
    return out;
  }

  private List<GroupingVariant> appAndSystemVariants(ErrorEvent event, List<String> fingerprint,
      String appHash, String appText) {
    StringBuilder sb = BUFFER.get();
    sb.setLength(0);
    components(event, fingerprint, true, sb);
    GroupingVariant app = new GroupingVariant(
        GroupingStrategy.APP_STACKTRACE.variantName(), appHash);
    // Only in-app frames contribute to the stack: the system variant hashes the same components.
    if (appText.contentEquals(sb)) {
      return List.of(app);
    }
    String systemHash = hash(sb, null);
    if (sb.capacity() > 64 * 1024) {
      BUFFER.remove();
    }
    return List.of(app,
        new GroupingVariant(GroupingStrategy.SYSTEM_STACKTRACE.variantName(), systemHash));
  }

  private static String hash(StringBuilder sb, String text) {
    String hash = asciiMd5Hex(sb);
    return hash != null ? hash : md5Hex(text != null ? text : sb.toString());
  }

  /**
   * Writes the components of {@code fingerprint} (or of the default algorithm) into {@code sb};
   * with {@code system}, the stack of every exception contributes all groupable frames.
   */
  private GroupingStrategy components(ErrorEvent event, List<String> fingerprint, boolean system,
      StringBuilder sb) {
    if (fingerprint.isEmpty() || isOnlyDefault(fingerprint)) {
      return defaultComponents(event, system, sb);
    }
    EventFacts facts = new EventFacts(event);
    GroupingStrategy strategy = GroupingStrategy.FINGERPRINT;
    for (String part : fingerprint) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      if (isDefault(part)) {
        strategy = defaultComponents(event, system, sb);
      } else {
        append(sb, "fingerprint:", expand(part, facts));
      }
    }
    return strategy;
  }

  private List<String> ruleFingerprint(ErrorEvent event) {
    if (config.fingerprintRules().isEmpty()) {
      return List.of();
    }
    EventFacts facts = new EventFacts(event);
    for (FingerprintRule rule : config.fingerprintRules()) {
      if (rule.matches(facts)) {
        return rule.fingerprint();
      }
    }
    return List.of();
  }

  private static boolean isOnlyDefault(List<String> fingerprint) {
    for (String part : fingerprint) {
      if (!isDefault(part)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDefault(String part) {
    Matcher m = VARIABLE.matcher(part.trim());
    return m.matches() && m.group(1).equals("default");
  }

  /** Expands every {@code {{ var }}} in {@code part}; unknown variables stay as written. */
  static String expand(String part, EventFacts facts) {
    if (part.indexOf("{{") < 0) {
      return part;
    }
    Matcher m = VARIABLE.matcher(part);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value = facts.get(name);
      String replacement = value != null ? value
          : knownVariable(name) ? "<no-" + name.replace('.', '-') + ">" : m.group();
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static boolean knownVariable(String name) {
    return name.startsWith("tags.") || List.of("type", "error.type", "value", "error.value",
        "module", "stack.module", "function", "stack.function", "filename", "stack.filename",
        "abs_path", "stack.abs_path", "transaction", "logger", "level", "release", "environment",
        "message").contains(name);
  }

  private GroupingStrategy defaultComponents(ErrorEvent event, boolean system, StringBuilder sb) {
    if (!event.exceptions().isEmpty()) {
      return exceptionComponents(event, system, sb);
    }
    if (!legacy) {
      // Sentry's scores: a stack (threads 1900, stacktrace 1800) beats the message (0).
      GroupingStrategy stack = stackComponents(standInFrames(event), system, sb);
      if (stack != null) {
        return stack;
      }
    }
    LogEntry log = event.logEntry();
    String message = log == null ? null : log.template() != null ? log.template() : log.formatted();
    if (message != null && !message.isBlank()) {
      append(sb, "message:", MessageParameterizer.normalizeForGrouping(message));
      return GroupingStrategy.MESSAGE;
    }
    sb.append("fallback");
    return GroupingStrategy.FALLBACK;
  }

  /**
   * Writes the components of an event without exceptions that carries a stack: its contributing
   * frames, in-app only when any is in-app; returns null (nothing written) when none contributes.
   */
  private GroupingStrategy stackComponents(List<StackFrame> frames, boolean system,
      StringBuilder sb) {
    if (frames == null || frames.isEmpty()) {
      return null;
    }
    int start = threadBaseCut(frames);
    boolean anyApp = false;
    boolean anyFrame = false;
    for (int j = start; j < frames.size() && !anyApp; j++) {
      StackFrame f = frames.get(j);
      if (contributes(f)) {
        anyFrame = true;
        anyApp = !system && isApp(f);
      }
    }
    if (!anyFrame) {
      return null;
    }
    appendFrames(frames, start, anyApp, sb);
    return anyApp ? GroupingStrategy.APP_STACKTRACE : GroupingStrategy.SYSTEM_STACKTRACE;
  }

  /**
   * The stack that stands in when no exception has one: the event-level {@code stacktrace}, else
   * the representative thread's (legacy rules: threads only, and only for exceptions).
   */
  private List<StackFrame> standInFrames(ErrorEvent event) {
    if (!legacy && !event.stacktrace().isEmpty()) {
      return event.stacktrace();
    }
    if (event.threads().isEmpty()) {
      return null;
    }
    ThreadInfo thread = ThreadInfo.representative(event.threads());
    return thread == null ? null : thread.frames();
  }

  private GroupingStrategy exceptionComponents(ErrorEvent event, boolean system, StringBuilder sb) {
    List<ExceptionValue> chain = event.exceptions();
    int n = chain.size();
    List<StackFrame> threadFrames = threadFramesIfNoStack(event);
    int[] starts = new int[n];
    boolean anyApp = false;
    boolean anyFrame = false;
    for (int i = 0; i < n; i++) {
      List<StackFrame> frames = framesOf(chain, i, threadFrames);
      starts[i] = threadBaseCut(frames);
      // Stops at the first frame that settles the strategy: an app frame, or any frame for system.
      for (int j = starts[i]; j < frames.size() && !anyApp && !(system && anyFrame); j++) {
        StackFrame f = frames.get(j);
        if (contributes(f)) {
          anyFrame = true;
          anyApp = !system && isApp(f);
        }
      }
    }
    GroupingStrategy strategy = anyApp ? GroupingStrategy.APP_STACKTRACE
        : anyFrame ? GroupingStrategy.SYSTEM_STACKTRACE : GroupingStrategy.EXCEPTION_VALUE;
    for (int i = 0; i < n; i++) {
      ExceptionValue ex = chain.get(i);
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') {
        sb.append('\n');
      }
      if (!ex.synthetic()) {
        append(sb, "type:", ex.type() == null ? "" : ex.type());
      }
      boolean wrote = strategy != GroupingStrategy.EXCEPTION_VALUE
          && appendFrames(framesOf(chain, i, threadFrames), starts[i], anyApp, sb);
      if (!wrote) {
        if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') {
          sb.append('\n');
        }
        String value = MessageParameterizer.normalizeForGrouping(ex.value());
        append(sb, "value:", value == null ? "" : value);
      }
    }
    return strategy;
  }

  /**
   * Returns the stand-in frames (the event-level stack, else the representative thread's, {@link
   * ThreadInfo#representative}) when no exception of the chain has a frame, else null. SDKs that
   * record the stack elsewhere than on the exception then group exactly like those that do not.
   */
  private List<StackFrame> threadFramesIfNoStack(ErrorEvent event) {
    for (ExceptionValue ex : event.exceptions()) {
      if (!ex.frames().isEmpty()) {
        return null;
      }
    }
    return standInFrames(event);
  }

  /** The frames of exception {@code i}; the main (last) one borrows the thread's when given. */
  private static List<StackFrame> framesOf(List<ExceptionValue> chain, int i,
      List<StackFrame> threadFrames) {
    return threadFrames != null && i == chain.size() - 1 ? threadFrames : chain.get(i).frames();
  }

  private boolean appendFrames(List<StackFrame> frames, int start, boolean appOnly,
      StringBuilder sb) {
    String prevModule = null;
    String prevFunction = null;
    boolean wrote = false;
    for (int j = start; j < frames.size(); j++) {
      ProcessingBudget.check();
      StackFrame f = frames.get(j);
      // The cheap in-app flag goes first: most frames of a Java stack are library frames.
      if (appOnly ? !isApp(f) || !contributes(f) : !contributes(f)) {
        continue;
      }
      String module;
      String function;
      if (legacy) {
        module = FrameNormalizer.normalizeModuleLegacy(moduleOf(f));
        function = FrameNormalizer.normalizeFunction(f.function());
        if (Objects.equals(module, prevModule) && Objects.equals(function, prevFunction)) {
          continue;
        }
        prevModule = module;
        prevFunction = function;
      } else {
        // Recursion: only a frame identical to the one before it (module, function, line).
        if (j > start && isSameFrame(f, frames.get(j - 1))) {
          continue;
        }
        // A lambda drops only its generated part: the class of $$Lambda$, the body's name.
        module = FrameNormalizer.isLambdaClass(f.module()) ? ""
            : FrameNormalizer.normalizeModule(moduleOf(f));
        function = FrameNormalizer.isLambdaFunction(f.function()) ? ""
            : FrameNormalizer.normalizeFunction(f.function());
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') {
        sb.append('\n');
      }
      sb.append("frame:");
      appendEscaped(sb, module == null ? "" : module);
      sb.append('#');
      appendEscaped(sb, function == null ? "" : function);
      wrote = true;
    }
    return wrote;
  }

  private static boolean isSameFrame(StackFrame a, StackFrame b) {
    return Objects.equals(a.module(), b.module()) && Objects.equals(a.function(), b.function())
        && Objects.equals(a.lineno(), b.lineno()) && Objects.equals(a.filename(), b.filename());
  }

  private static String moduleOf(StackFrame f) {
    if (f.module() != null) {
      return f.module();
    }
    String file = f.filename() != null ? f.filename() : f.absPath();
    if (file == null) {
      return null;
    }
    int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
    return file.substring(slash + 1).toLowerCase(java.util.Locale.ROOT);
  }

  /** Returns the index of the first frame above a thread-pool worker base (Sentry's threadbase). */
  private static int threadBaseCut(List<StackFrame> frames) {
    for (int j = frames.size() - 1; j >= 0; j--) {
      StackFrame f = frames.get(j);
      String m = f.module();
      String fn = f.function();
      // The short function name is compared first: it rules out almost every frame cheaply.
      if (m != null && fn != null && ("runWorker".equals(fn)
          && m.startsWith("java.util.concurrent.ThreadPoolExecutor")
          || "run".equals(fn) && m.startsWith("java.util.concurrent.ForkJoinWorkerThread"))) {
        return j + 1;
      }
    }
    return 0;
  }

  private boolean contributes(StackFrame f) {
    if (f.module() == null && f.function() == null && f.filename() == null) {
      return false;
    }
    if (legacy ? FrameNormalizer.isIgnored(f.module(), f.function())
        : FrameNormalizer.isLambdaClass(f.module()) && FrameNormalizer.isLambdaFunction(f.function())) {
      return false;
    }
    return f.module() == null || !ungroupedPrefixes.matches(f.module());
  }

  private boolean isApp(StackFrame f) {
    return f.isInApp() && (f.module() == null || !frameworkPrefixes.matches(f.module()));
  }

  private static void append(StringBuilder sb, String prefix, String value) {
    if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') {
      sb.append('\n');
    }
    sb.append(prefix);
    appendEscaped(sb, value);
  }

  private static void appendEscaped(StringBuilder sb, String value) {
    if (value.indexOf('\n') < 0) {
      sb.append(value);
    } else {
      sb.append(value.replace("\n", "\\n"));
    }
  }

  /**
   * Hashes the components straight from the builder through a per-thread byte buffer when they
   * are pure ASCII (UTF-8 and ASCII agree there), saving the encoded copy; returns null otherwise
   * so {@link #md5Hex} encodes properly.
   */
  private static String asciiMd5Hex(StringBuilder sb) {
    int n = sb.length();
    if (n > 16 * 1024) {
      return null;
    }
    byte[] bytes = ASCII.get();
    if (bytes.length < n) {
      bytes = new byte[Math.max(n, 2 * bytes.length)];
      ASCII.set(bytes);
    }
    for (int i = 0; i < n; i++) {
      char c = sb.charAt(i);
      if (c >= 0x80) {
        return null;
      }
      bytes[i] = (byte) c;
    }
    MessageDigest md = MD5.get();
    md.update(bytes, 0, n);
    return hex(md.digest());
  }

  /** Returns the lowercase hex MD5 of {@code text} in UTF-8. */
  static String md5Hex(String text) {
    MessageDigest md = MD5.get();
    return hex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static String hex(byte[] digest) {
    char[] out = new char[32];
    for (int i = 0; i < 16; i++) {
      out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[digest[i] & 0xf];
    }
    return new String(out);
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform is required to provide MD5.
      throw new IllegalStateException("MD5 is not available", e);
    }
  }
}
