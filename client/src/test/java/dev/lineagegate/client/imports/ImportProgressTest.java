package dev.lineagegate.client.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The progress bar of a large import, in a log (no terminal). */
class ImportProgressTest {

  @Test
  void shouldPrintAFullBarWhenAThousandImagesAreDone() {
    // Given an import of 1,000 images, written to a log
    final StringWriter log = new StringWriter();
    final ImportProgress progress = new ImportProgress(new PrintWriter(log), false, 1000);

    // When the last one is done
    progress.update(1000, 3);

    // Then one plain line, the bar full, without control characters
    assertThat(log.toString())
        .startsWith("[########################] 1,000/1,000 images, 3 refused, ")
        .endsWith(" images/s" + System.lineSeparator())
        .doesNotContain("\r");
  }

  @Test
  void shouldShowNothingWhenTheImportIsSmall() {
    // Given
    final StringWriter log = new StringWriter();
    final ImportProgress progress = new ImportProgress(new PrintWriter(log), true, 3);

    // When
    progress.update(3, 0);

    // Then the result lines alone tell the story
    assertThat(log.toString()).isEmpty();
  }
}
