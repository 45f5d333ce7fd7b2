package dev.obskit.benchmarks.errors;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Initialises sentry-java with a transport that discards, the way the errors reference measured
 * it (a transport factory returning {@code NoOpTransport}). Reflection keeps javac away from
 * {@code SentryOptions}, whose members carry JetBrains annotations that are not on the class path
 * and would otherwise turn into compiler warnings (and this build fails on warnings).
 */
final class DiscardingSentry {
  private DiscardingSentry() {}

  static void init(String inAppPackage) {
    try {
      Class<?> optionsType = Class.forName("io.sentry.SentryOptions");
      Object options = optionsType.getConstructor().newInstance();
      call(options, "setDsn", String.class, "http://key@127.0.0.1:9/1");
      call(options, "setEnableUncaughtExceptionHandler", boolean.class, false);
      call(options, "setEnableShutdownHook", boolean.class, false);
      call(options, "setEnableDeduplication", boolean.class, false);
      call(options, "setServerName", String.class, "bench");
      call(options, "setRelease", String.class, "bench@1");
      call(options, "addInAppInclude", String.class, inAppPackage);
      Class<?> factoryType = Class.forName("io.sentry.ITransportFactory");
      Object noop = Class.forName("io.sentry.transport.NoOpTransport").getMethod("getInstance").invoke(null);
      Object factory = Proxy.newProxyInstance(factoryType.getClassLoader(), new Class<?>[] {factoryType},
          (proxy, method, args) -> method.getName().equals("create") ? noop : null);
      call(options, "setTransportFactory", factoryType, factory);
      Class.forName("io.sentry.Sentry").getMethod("init", optionsType).invoke(null, options);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("could not initialise sentry-java", e);
    }
  }

  private static void call(Object target, String name, Class<?> type, Object arg)
      throws NoSuchMethodException, IllegalAccessException, InvocationTargetException {
    Method m = target.getClass().getMethod(name, type);
    m.invoke(target, arg);
  }
}
