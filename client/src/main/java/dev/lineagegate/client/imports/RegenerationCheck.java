package dev.lineagegate.client.imports;

import dev.lineagegate.genai.FileRef;
import dev.lineagegate.genai.event.LocalFile;
import dev.lineagegate.schema.id.Digest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code import --check}: would this image regenerate today? Each file its metadata names, its
 * digest now (under {@code --models-dir}/{@code --input-dir}) against the one recorded (by
 * lineage-gate when the image was imported with the files hashed, else by the metadata itself:
 * InvokeAI's and old Fooocus' full SHA-256, else a short hash such as A1111's {@code Model hash}).
 */
public final class RegenerationCheck {

  /** One file's state. */
  public enum State {
    SAME,
    CHANGED,
    MISSING,
    UNRECORDED
  }

  /** One line of the answer. */
  public record Line(State state, String name, String detail) {
    @Override
    public String toString() {
      return String.format("%-10s %s  %s", state.name().toLowerCase(Locale.ROOT), name, detail);
    }
  }

  private RegenerationCheck() {}

  public static List<Line> lines(
      final List<FileRef> files, final Map<String, Digest> recorded, final ModelFolders folders) {
    final List<Line> lines = new ArrayList<>();
    for (final FileRef file : files) {
      final Digest was = recorded.getOrDefault(file.name(), file.recorded());
      final Optional<LocalFile> now = file.hosted() ? Optional.empty() : folders.find(file);
      lines.add(line(file, was, now));
    }
    return lines;
  }

  private static Line line(final FileRef file, final Digest was, final Optional<LocalFile> now) {
    final String name = file.name();
    if (now.isEmpty()) {
      final String where = file.hosted() ? "a hosted model" : "not found";
      return new Line(
          State.MISSING,
          name,
          (was == null ? "nothing recorded" : "recorded " + was) + ", " + where);
    }
    final Digest current = now.get().digest();
    if (was != null) {
      return was.equals(current)
          ? new Line(State.SAME, name, current.value())
          : new Line(State.CHANGED, name, "recorded " + was + ", now " + current);
    }
    if (file.shortHash() != null) {
      return current.hex().startsWith(file.shortHash())
          ? new Line(
              State.SAME, name, current + " (matches the short hash " + file.shortHash() + ")")
          : new Line(
              State.CHANGED, name, "short hash " + file.shortHash() + " recorded, now " + current);
    }
    return new Line(
        State.UNRECORDED,
        name,
        "now " + current + ", no digest recorded to compare (imported without --models-dir?)");
  }
}
