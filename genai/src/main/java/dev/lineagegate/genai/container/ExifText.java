package dev.lineagegate.genai.container;

import com.drew.imaging.ImageProcessingException;
import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.riff.RiffReader;
import com.drew.lang.SequentialByteArrayReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.StringValue;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.webp.WebpRiffHandler;
import dev.lineagegate.genai.ImageFormat;
import dev.lineagegate.genai.ImportRefusedException;
import dev.lineagegate.genai.ImportRefusedException.Kind;
import dev.lineagegate.genai.ReadLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generation text in the EXIF of a WEBP or JPEG, read with metadata-extractor (its RIFF and
 * JPEG segment readers walk the containers; both are given the bytes already in memory, so a
 * declared length beyond the data fails instead of allocating). What generators write there:
 *
 * <ul>
 *   <li>ComfyUI's SaveAnimatedWEBP: IFD0 {@code Model} (0x0110) = {@code prompt:<json>}, {@code
 *       Make} (0x010F) = {@code workflow:<json>}, further extra_pnginfo keys downwards (0x010E
 *       ...); read as {@code prompt}, {@code workflow}, ...
 *   <li>AUTOMATIC1111/Forge and Fooocus: Exif {@code UserComment} (0x9286), read as {@code
 *       parameters}; Fooocus adds {@code Software} (0x0131) and its scheme in {@code MakerNote}
 *       (0x927C), read as {@code Software} and {@code fooocus_scheme}.
 * </ul>
 */
public final class ExifText {

  /** {@code key:value} as ComfyUI writes its EXIF strings. */
  private static final Pattern KEYED =
      Pattern.compile("^([A-Za-z_][A-Za-z0-9_]{0,63}):(.*)$", Pattern.DOTALL);

  private static final int COMFY_FIRST_TAG = 0x0100;
  private static final int COMFY_LAST_TAG = ExifIFD0Directory.TAG_MODEL;

  private ExifText() {}

  public static TextEntries read(final ImageFormat format, final byte[] bytes) {
    final Metadata metadata = metadata(format, bytes);
    final TextEntries text = new TextEntries();
    for (final ExifIFD0Directory ifd0 : metadata.getDirectoriesOfType(ExifIFD0Directory.class)) {
      for (int tag = COMFY_LAST_TAG; tag >= COMFY_FIRST_TAG; tag--) {
        final String value = string(ifd0, tag);
        final Matcher keyed = value == null ? null : KEYED.matcher(value);
        if (keyed != null && keyed.matches() && keyed.group(2).startsWith("{")) {
          text.add(keyed.group(1), keyed.group(2), "EXIF tag " + hex(tag));
        }
      }
      final String software = string(ifd0, ExifIFD0Directory.TAG_SOFTWARE);
      if (software != null) {
        text.add("Software", software, "EXIF tag 0x0131");
      }
    }
    for (final ExifSubIFDDirectory exif :
        metadata.getDirectoriesOfType(ExifSubIFDDirectory.class)) {
      final byte[] comment = exif.getByteArray(ExifSubIFDDirectory.TAG_USER_COMMENT);
      if (comment != null && comment.length > 0) {
        final String decoded = UserComment.decode(comment);
        if (!decoded.isBlank()) {
          text.add("parameters", decoded, "EXIF UserComment");
        }
      }
      final byte[] makerNote = exif.getByteArray(ExifSubIFDDirectory.TAG_MAKERNOTE);
      if (makerNote != null && makerNote.length > 0 && makerNote.length < 64) {
        text.add("fooocus_scheme", ascii(makerNote), "EXIF MakerNote");
      }
    }
    return text;
  }

  private static Metadata metadata(final ImageFormat format, final byte[] bytes) {
    try {
      if (format == ImageFormat.WEBP) {
        final Metadata metadata = new Metadata();
        new RiffReader()
            .processRiff(new SequentialByteArrayReader(bytes), new WebpRiffHandler(metadata));
        return metadata;
      }
      return JpegMetadataReader.readMetadata(
          new ByteArrayInputStream(bytes), List.of(new ExifReader()));
    } catch (ImageProcessingException | IOException | RuntimeException e) {
      throw new ImportRefusedException(
          Kind.CORRUPT,
          "not a readable " + format + " image: " + (e.getMessage() == null ? e : e.getMessage()),
          e);
    }
  }

  private static String string(final Directory directory, final int tag) {
    final StringValue value = directory.getStringValue(tag);
    if (value == null) {
      return null;
    }
    final byte[] raw = value.getBytes();
    if (raw.length > ReadLimits.TEXT_BYTES) {
      throw new ImportRefusedException(
          Kind.LIMIT,
          "EXIF tag " + hex(tag) + " holds more than " + ReadLimits.size(ReadLimits.TEXT_BYTES));
    }
    int end = raw.length;
    while (end > 0 && raw[end - 1] == 0) {
      end--; // EXIF ASCII values end in NUL
    }
    return new String(raw, 0, end, StandardCharsets.UTF_8);
  }

  private static String ascii(final byte[] bytes) {
    final StringBuilder out = new StringBuilder();
    for (final byte b : bytes) {
      if (b > 0x20 && b < 0x7F) {
        out.append((char) b);
      }
    }
    return out.toString();
  }

  private static String hex(final int tag) {
    return String.format("0x%04X", tag);
  }
}
