package dev.obskit.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Proves the module never holds an amount in binary floating point: no class of obs-billing has a
 * double/float field, record component, parameter or return type, and no source file mentions
 * those types (which also catches locals and casts).
 */
class NoFloatingPointAmountsTest {
  private static final Path MAIN = Path.of("src/main/java");
  private static final Pattern FLOATING = Pattern.compile(
      "\\b(double|float|Double|Float)\\b|\\bdoubleValue\\(|\\bfloatValue\\(|new BigDecimal\\([0-9.]+\\)");

  @Test
  void sources_neverUseDoubleOrFloat() throws IOException {
    List<String> offences = new ArrayList<>();
    for (Path file : javaFiles()) {
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        String code = lines.get(i).replaceAll("/\\*.*?\\*/", "").replaceAll("//.*", "").replaceAll("\"[^\"]*\"", "\"\"");
        if (!code.trim().startsWith("*") && !code.trim().startsWith("/**") && FLOATING.matcher(code).find()) {
          offences.add(MAIN.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).trim());
        }
      }
    }
    assertThat(javaFiles()).hasSizeGreaterThan(40);
    assertThat(offences).isEmpty();
  }

  @Test
  void classes_haveNoDoubleOrFloatMembers() throws Exception {
    List<String> offences = new ArrayList<>();
    int checked = 0;
    for (Path file : javaFiles()) {
      String name = MAIN.relativize(file).toString().replace('/', '.').replaceAll("\\.java$", "");
      Class<?> type = Class.forName(name);
      checked++;
      for (Class<?> c : withNested(type)) {
        inspect(c, offences);
      }
    }
    assertThat(checked).isGreaterThan(40);
    assertThat(offences).isEmpty();
  }

  private static void inspect(Class<?> c, List<String> offences) {
    for (Field f : c.getDeclaredFields()) {
      if (isFloating(f.getType())) {
        offences.add(c.getName() + "." + f.getName());
      }
    }
    if (c.isRecord()) {
      for (RecordComponent rc : c.getRecordComponents()) {
        if (isFloating(rc.getType())) {
          offences.add(c.getName() + "#" + rc.getName());
        }
      }
    }
    for (Method m : c.getDeclaredMethods()) {
      if (isFloating(m.getReturnType())) {
        offences.add(c.getName() + "." + m.getName() + "() returns " + m.getReturnType());
      }
      for (Parameter p : m.getParameters()) {
        if (isFloating(p.getType())) {
          offences.add(c.getName() + "." + m.getName() + "(" + p.getType() + ")");
        }
      }
    }
  }

  private static List<Class<?>> withNested(Class<?> type) {
    List<Class<?>> all = new ArrayList<>();
    all.add(type);
    for (Class<?> nested : type.getDeclaredClasses()) {
      all.addAll(withNested(nested));
    }
    return all;
  }

  private static boolean isFloating(Class<?> type) {
    Class<?> t = type.isArray() ? type.getComponentType() : type;
    return t == double.class || t == float.class || t == Double.class || t == Float.class;
  }

  private static List<Path> javaFiles() throws IOException {
    try (Stream<Path> files = Files.walk(MAIN)) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }
}
