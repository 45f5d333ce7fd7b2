package dev.obskit.benchmarks.errors;

import dev.obskit.errors.event.ErrorEvent;
import dev.obskit.errors.event.ExceptionValue;
import dev.obskit.errors.event.StackFrame;
import dev.obskit.errors.grouping.GroupingEngine;
import dev.obskit.errors.grouping.GroupingResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Grouping throughput on one thread (per core): a 50-frame Java stack shaped like a Spring web
 * request (servlet container, framework, CGLIB proxy, reflection, lambda and application frames,
 * 16 of them in-app), and the same with a chain of three exceptions of 50 frames each. Goal:
 * at least 200,000 groupings per second per core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@Threads(1)
public class ErrorsGroupingBenchmark {
  private GroupingEngine engine;
  private ErrorEvent single;
  private ErrorEvent chain;

  @Setup
  public void setUp() {
    engine = GroupingEngine.create();
    single = event(1);
    chain = event(3);
  }

  static ErrorEvent event(int exceptions) {
    List<ExceptionValue> values = new ArrayList<>();
    for (int e = 0; e < exceptions; e++) {
      values.add(new ExceptionValue("IllegalStateException", "Order " + e + " failed", "java.lang",
          frames(50), "chained", false, null));
    }
    return ErrorEvent.builder().timestamp(Instant.EPOCH).exceptions(values).build();
  }

  static List<StackFrame> frames(int n) {
    String[][] library = {
        {"java.lang.Thread", "run"}, {"java.util.concurrent.ThreadPoolExecutor$Worker", "run"},
        {"org.apache.tomcat.util.net.SocketProcessorBase", "run"},
        {"org.apache.catalina.core.StandardWrapperValve", "invoke"},
        {"org.springframework.web.servlet.DispatcherServlet", "doDispatch"},
        {"org.springframework.web.method.support.InvocableHandlerMethod", "doInvoke"},
        {"jdk.internal.reflect.GeneratedMethodAccessor123", "invoke"},
        {"java.lang.reflect.Method", "invoke"},
        {"org.springframework.aop.framework.CglibAopProxy$DynamicAdvisedInterceptor", "intercept"},
        {"com.shop.web.OrderController$$SpringCGLIB$$0", "place"},
        {"com.zaxxer.hikari.pool.ProxyPreparedStatement", "executeQuery"},
        {"com.shop.orders.OrderService$$Lambda/0x0000000800c0b440", "apply"}};
    List<StackFrame> frames = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      if (i % 3 == 2) {
        frames.add(StackFrame.java("com.shop.orders.OrderService" + (i % 7), "step" + i,
            "OrderService.java", 100 + i, true));
      } else {
        String[] f = library[i % library.length];
        frames.add(StackFrame.java(f[0], f[1], null, i, null));
      }
    }
    return frames;
  }

  @Benchmark
  public GroupingResult group50FrameStack() {
    return engine.group(single);
  }

  @Benchmark
  public GroupingResult groupChainOfThree50FrameStacks() {
    return engine.group(chain);
  }
}
