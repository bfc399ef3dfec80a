package org.cityops.sensing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MqttTopicsTest {

    @Test
    void observationsAreCreatedUnderTheSpecsFourTopics() {
        assertThat(MqttTopics.create("v1.1/Observations").parent()).isNull();
        MqttTopics.Create ds = MqttTopics.create("v1.0/Datastreams(7)/Observations");
        assertThat(ds.version()).isEqualTo(Version.V1_0);
        assertThat(ds.parent().inverse().name()).isEqualTo("Datastream");
        assertThat(ds.parent().parentId()).isEqualTo(7);
        assertThat(MqttTopics.create("v1.1/MultiDatastreams(3)/Observations").parent().inverse().name())
                .isEqualTo("MultiDatastream");
        assertThat(MqttTopics.create("v1.1/FeaturesOfInterest(5)/Observations").parent().inverse().name())
                .isEqualTo("FeatureOfInterest");
    }

    @Test
    void topicsThatCreateNoObservationAreRefusedWithTheReason() {
        assertThatThrownBy(() -> MqttTopics.create("v1.1/Things")).hasMessageContaining("only Observations");
        assertThatThrownBy(() -> MqttTopics.create("v1.1/Observations(4)")).hasMessageContaining("only Observations");
        assertThatThrownBy(() -> MqttTopics.create("v1.1/Datastreams/Observations")).hasMessageContaining("under a");
        assertThatThrownBy(() -> MqttTopics.create("v2.0/Observations")).hasMessageContaining("v1.0/ or v1.1/");
        assertThatThrownBy(() -> MqttTopics.create("v1.1/Datastreams(1)/Things")).hasMessageContaining("no property or relation");
    }

    @Test
    void subscriptionsAreKeyedByTheEntityTheyWatch() {
        assertThat(MqttTopics.subscription("v1.1/Things").key()).isEqualTo("Things");
        assertThat(MqttTopics.subscription("v1.1/Things(1)").key()).isEqualTo("Things(1)");
        assertThat(MqttTopics.subscription("v1.1/Things(1)/name").key()).isEqualTo("Things(1)/name");
        assertThat(MqttTopics.subscription("v1.1/Things(1)/Datastreams(2)").key()).isEqualTo("Datastreams(2)");
        assertThat(MqttTopics.subscription("v1.0/Things(1)/Datastreams(2)/Observations").key())
                .isEqualTo("Datastreams(2)/Observations");
        MqttTopics.Subscription select = MqttTopics.subscription("v1.1/Observations?$select=result,phenomenonTime");
        assertThat(select.entitySet()).isTrue();
        assertThat(select.options().select()).containsExactly("result", "phenomenonTime");
        assertThat(select.topic()).isEqualTo("v1.1/Observations?$select=result,phenomenonTime");
    }

    @Test
    void subscriptionsTheExtensionDoesNotDefineAreRefusedWithTheReason() {
        assertThatThrownBy(() -> MqttTopics.subscription("v1.1/#")).hasMessageContaining("wildcards");
        assertThatThrownBy(() -> MqttTopics.subscription("v1.1/+/Observations")).hasMessageContaining("wildcards");
        assertThatThrownBy(() -> MqttTopics.subscription("v1.1/Things(1)?$select=name")).hasMessageContaining("entity sets only");
        assertThatThrownBy(() -> MqttTopics.subscription("v1.1/Things?$top=1")).hasMessageContaining("only option");
        assertThatThrownBy(() -> MqttTopics.subscription("v1.1/Things?$select=colour")).hasMessageContaining("colour");
        assertThatThrownBy(() -> MqttTopics.subscription("v1.1/Datastreams(1)/Thing")).hasMessageContaining("by its id");
        assertThatThrownBy(() -> MqttTopics.subscription("v1.1/Things/$ref")).hasMessageContaining("$ref");
    }

    @Test
    void relationsKeptInLinkTablesAreSubscribableCollections() {
        MqttTopics.Subscription locations = MqttTopics.subscription("v1.1/Things(1)/Locations");
        assertThat(locations.entitySet()).isTrue();
        assertThat(locations.key()).isEqualTo("Things(1)/Locations");
        assertThat(MqttTopics.subscription("v1.0/Locations(2)/HistoricalLocations").key())
                .isEqualTo("Locations(2)/HistoricalLocations");
    }
}
