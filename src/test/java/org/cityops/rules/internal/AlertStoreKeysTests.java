package org.cityops.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class AlertStoreKeysTests {

    @Test
    void keyListsArePaddedToAFewSizesSoTheirStatementsRepeat() {
        assertThat(IntStream.of(1, 2, 4, 5, 16, 17, 64, 65, 256, 257, 500).map(AlertStore::paddedSize).toArray())
                .containsExactly(1, 4, 4, 16, 16, 64, 64, 256, 256, 500, 500);
    }

    @Test
    void aChunkIsPaddedWithItsLastKeyAndLongListsAreSplit() {
        List<AlertStore.Key> keys = IntStream.range(0, 502).mapToObj(i -> new AlertStore.Key(i, "datastream:" + i))
                .toList();
        List<List<Object>> chunks = AlertStore.keyChunks(keys.subList(0, 3));
        assertThat(chunks).containsExactly(List.of("0|datastream:0", "1|datastream:1", "2|datastream:2",
                "2|datastream:2"));
        chunks = AlertStore.keyChunks(keys);
        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(0)).hasSize(500).startsWith("0|datastream:0").endsWith("499|datastream:499");
        assertThat(chunks.get(1)).containsExactly("500|datastream:500", "501|datastream:501", "501|datastream:501",
                "501|datastream:501");
    }
}
