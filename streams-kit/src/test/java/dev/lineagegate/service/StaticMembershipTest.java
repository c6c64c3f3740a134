package dev.lineagegate.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticMembershipTest {

  @TempDir Path dir;

  @Test
  void shouldGiveTheSameInstanceIdAtEveryStartOnTheSameStateDirectory() {
    // Given an instance started once on a state directory
    final Properties first = new Properties();
    StaticMembership.apply(first, dir.resolve("state"), "lineage-stream");

    // When it starts again on the same directory
    final Properties again = new Properties();
    StaticMembership.apply(again, dir.resolve("state"), "lineage-stream");

    // Then its threads join under the same id, <application id>-<UUID>, kept in the directory
    final String id = (String) first.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    assertThat(id).startsWith("lineage-stream-");
    UUID.fromString(id.substring("lineage-stream-".length()));
    assertThat(again.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)).isEqualTo(id);
    assertThat(dir.resolve("state").resolve("lineage-stream" + StaticMembership.FILE_SUFFIX))
        .exists();
  }

  @Test
  void shouldGiveAnotherInstanceIdToAnInstanceWithAnotherStateDirectory() {
    // When two instances of one application have state directories of their own
    final String a = StaticMembership.instanceId(dir.resolve("a"), "gate-service");
    final String b = StaticMembership.instanceId(dir.resolve("b"), "gate-service");

    // Then they are distinct members of the group
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void shouldKeepAnInstanceIdThatWasSetExplicitly() {
    // Given an id set through the passthrough (e.g. lineage.kafka.group.instance.id), plain or
    // for the main consumer only
    for (final String key :
        new String[] {
          ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
          StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)
        }) {
      final Properties props = new Properties();
      props.put(key, "stream-a");

      // When
      StaticMembership.apply(props, dir, "lineage-stream");

      // Then it is the one used, and nothing is written
      assertThat(props).hasSize(1).containsEntry(key, "stream-a");
      assertThat(dir.resolve("lineage-stream" + StaticMembership.FILE_SUFFIX)).doesNotExist();
    }
  }

  @Test
  void shouldReplaceAnIdFileThatHoldsNoId() throws Exception {
    // Given an id file edited by hand into something that is not an id
    final Path file = dir.resolve("lineage-stream" + StaticMembership.FILE_SUFFIX);
    Files.writeString(file, "not an id\n", StandardCharsets.US_ASCII);

    // When
    final String id = StaticMembership.instanceId(dir, "lineage-stream");

    // Then a new id is made and kept
    assertThat(id).startsWith("lineage-stream-");
    assertThat(Files.readString(file, StandardCharsets.US_ASCII).strip())
        .isEqualTo(id.substring("lineage-stream-".length()));
    assertThat(StaticMembership.instanceId(dir, "lineage-stream")).isEqualTo(id);
  }
}
