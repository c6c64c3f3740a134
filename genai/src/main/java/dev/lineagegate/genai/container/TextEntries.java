package dev.lineagegate.genai.container;

import dev.lineagegate.genai.ImportRefusedException;
import dev.lineagegate.genai.ImportRefusedException.Kind;
import dev.lineagegate.genai.ReadLimits;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The text an image carries, keyword → text in file order: PNG text chunks, or what EXIF holds
 * (ComfyUI's {@code prompt:}/{@code workflow:} strings, a UserComment as {@code parameters}). A
 * keyword written twice is remembered as such: reading it is refused, since which of the two
 * describes the image cannot be told.
 */
public final class TextEntries {

  private final Map<String, String> entries = new LinkedHashMap<>();
  private final Map<String, String> where = new LinkedHashMap<>();
  private final Set<String> repeated = new TreeSet<>();
  private long totalBytes;

  /** Adds {@code text} under {@code keyword}; {@code at} says where it was, for messages. */
  void add(final String keyword, final String text, final String at) {
    totalBytes += text.length();
    if (totalBytes > ReadLimits.TOTAL_TEXT_BYTES) {
      throw new ImportRefusedException(
          Kind.LIMIT,
          "the image carries more than "
              + ReadLimits.size(ReadLimits.TOTAL_TEXT_BYTES)
              + " of text (at "
              + at
              + "): refused");
    }
    if (entries.putIfAbsent(keyword, text) != null) {
      repeated.add(keyword);
      where.merge(keyword, at, (a, b) -> a + " and " + b);
    } else {
      where.put(keyword, at);
    }
  }

  /** The text under {@code keyword}; refused when the image holds it twice. */
  public Optional<String> get(final String keyword) {
    if (repeated.contains(keyword)) {
      throw new ImportRefusedException(
          Kind.METADATA,
          "the image holds \""
              + keyword
              + "\" twice ("
              + where.get(keyword)
              + "): which one describes it cannot be told");
    }
    return Optional.ofNullable(entries.get(keyword));
  }

  public boolean has(final String keyword) {
    return entries.containsKey(keyword);
  }

  /** Every keyword, in file order. */
  public Set<String> keywords() {
    return entries.keySet();
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }
}
