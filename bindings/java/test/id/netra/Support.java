package id.netra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the tests share: paths, one engine, the bad-input catalogue reader. */
final class Support {
  private static Netra engine;

  private Support() {}

  static Path root() {
    String dir = System.getenv("NETRA_SOURCE_DIR");
    if (dir == null || dir.isEmpty()) {
      throw new IllegalStateException("NETRA_SOURCE_DIR is not set: run the tests with ctest -R '^java$'");
    }
    return Path.of(dir);
  }

  static String read(String relative) {
    try {
      return Files.readString(root().resolve(relative), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The `netra` command, or null. */
  static String cli() {
    String cli = System.getenv("NETRA_CLI");
    return cli != null && !cli.isEmpty() && Files.isExecutable(Path.of(cli)) ? cli : null;
  }

  static boolean sanitized() {
    return "1".equals(System.getenv("NETRA_SANITIZED"));
  }

  /** The engine of the tests (the library from NETRA_LIBRARY, the embedded law), never closed. */
  static synchronized Netra engine() {
    if (engine == null) {
      engine = Netra.open();
    }
    return engine;
  }

  /** Runs a command, returns its standard output; fails on a non-zero exit. */
  static String run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int rc = p.waitFor();
      if (rc != 0) {
        throw new IllegalStateException(String.join(" ", command) + ": exit " + rc);
      }
      return out;
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One case of tests/bad_input/hosts (format: its README.md). */
  static final class Case {
    String file;
    int line;
    String name;
    String code;
    List<String> messages = new ArrayList<>();
    String call;
    String as = "both";
    String input;
    /** The input holds bytes 0x80-0xFF from \\xNN escapes: send it as those bytes, not as text. */
    boolean rawBytes;

    @Override
    public String toString() {
      return file + ":" + line + " " + name;
    }
  }

  static List<Case> cases(String file) {
    String[] lines = read("tests/bad_input/hosts/" + file).split("\n", -1);
    List<Case> out = new ArrayList<>();
    Case c = null;
    List<String> input = null;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.startsWith("== ")) {
        if (c != null) {
          out.add(finish(c, input));
        }
        c = new Case();
        c.file = file;
        c.line = i + 1;
        c.name = line.substring(3);
        input = null;
        continue;
      }
      if (c == null) {
        continue;
      }
      if (input != null) {
        input.add(line);
      } else if (line.equals("input:")) {
        input = new ArrayList<>();
      } else if (line.startsWith("code: ")) {
        c.code = line.substring(6);
      } else if (line.startsWith("message: ")) {
        c.messages.add(line.substring(9));
      } else if (line.startsWith("call: ")) {
        c.call = line.substring(6);
      } else if (line.startsWith("as: ")) {
        c.as = line.substring(4);
      } else if (!line.isBlank() && !line.startsWith("#")) {
        throw new IllegalStateException(file + ":" + (i + 1) + ": unknown line: " + line);
      }
    }
    if (c != null) {
      out.add(finish(c, input));
    }
    return out;
  }

  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{(pad|rep) (\\d+)\\|(.*?)\\}\\}(?=[^}]|$)", Pattern.DOTALL);
  private static final Pattern ESCAPE = Pattern.compile("\\\\(x|u)([0-9a-fA-F]{2,4})");

  private static Case finish(Case c, List<String> input) {
    String text = input == null ? "" : String.join("\n", input).replaceAll("\n+$", "");
    StringBuilder sb = new StringBuilder();
    Matcher m = TEMPLATE.matcher(text);
    while (m.find()) {
      int n = Integer.parseInt(m.group(2));
      String rep = m.group(1).equals("pad") ? m.group(3).repeat(n) : String.join(",", java.util.Collections.nCopies(n, m.group(3)));
      m.appendReplacement(sb, Matcher.quoteReplacement(rep));
    }
    m.appendTail(sb);
    text = sb.toString();
    // \xNN: a byte (kept as the char U+00NN; bytes calls take them back as ISO-8859-1);
    // backslash-u XXXX: a UTF-16 unit.
    sb = new StringBuilder();
    m = ESCAPE.matcher(text);
    int at = 0;
    while (m.find()) {
      boolean x = m.group(1).equals("x");
      String hex = m.group(2);
      if (x && hex.length() != 2 || !x && hex.length() != 4) {
        continue;
      }
      int v = Integer.parseInt(hex, 16);
      c.rawBytes |= x && v >= 0x80;
      sb.append(text, at, m.start()).append((char) v);
      at = m.end();
    }
    sb.append(text.substring(at));
    c.input = sb.toString();
    return c;
  }
}
