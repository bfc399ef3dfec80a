package org.cityops.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class Open311FormatTests {

    static Map<String, Object> request() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("service_request_id", "7");
        r.put("description", "<b>\"A&B\"</b> it's\u0001 here");
        r.put("lat", 0.0001);
        r.put("account_id", null);
        return r;
    }

    @Test
    void xmlWrapsListItemsInTheSpecsElementNamesAndEscapesText() {
        String xml = Open311Format.XML.write("service_requests", List.of(request()));

        assertThat(xml).isEqualTo("<?xml version=\"1.0\" encoding=\"utf-8\"?><service_requests><request>"
                + "<service_request_id>7</service_request_id>"
                + "<description>&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt; it&apos;s here</description>"
                + "<lat>0.0001</lat><account_id/></request></service_requests>");
    }

    @Test
    void nestedListsOfAServiceDefinitionGetTheirOwnItemNames() {
        String xml = Open311Format.XML.write("service_definition",
                Map.of("attributes", List.of(Map.of("values", List.of(Map.of("key", "URGENT"))))));

        assertThat(xml).endsWith("<service_definition><attributes><attribute><values><value><key>URGENT</key>"
                + "</value></values></attribute></attributes></service_definition>");
    }

    @Test
    void jsonIsTheBodyItselfWithNullsKept() {
        assertThat(Open311Format.JSON.write("service_requests", List.of(request())))
                .isEqualTo("[{\"service_request_id\":\"7\",\"description\":\"<b>\\\"A&B\\\"</b> it's\\u0001 here\","
                        + "\"lat\":1.0E-4,\"account_id\":null}]");
    }

    @Test
    void theExtensionChoosesTheFormat() {
        assertThat(Open311Format.of("xml")).isEqualTo(Open311Format.XML);
        assertThat(Open311Format.of("json")).isEqualTo(Open311Format.JSON);
        assertThat(Open311Format.ofPath("/open311/v2/requests/1.xml")).isEqualTo(Open311Format.XML);
        assertThat(Open311Format.ofPath("/open311/v2/services.html")).isEqualTo(Open311Format.JSON);
    }
}
