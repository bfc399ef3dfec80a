package org.cityops.cases;

import java.util.List;

import org.cityops.catalog.Urgency;

/**
 * A problem reported from any source: the one entry of the case loop. Hotline, Open311,
 * inspector and sensor channels all turn their input into this.
 *
 * @param sourceType      where it came from: INSPECTOR, HOTLINE, OPEN311, SENSOR, WEBHOOK, API, …
 * @param sourceRef       the source's own reference (work order number, alert id), optional
 * @param reporterName    who reported it, optional
 * @param reporterContact how to reach the reporter, optional (personal data)
 * @param longitude       WGS 84 longitude
 * @param latitude        WGS 84 latitude
 * @param address         a readable address, optional
 * @param categoryCode    the reporter's guess of the subclass, optional until registration
 * @param urgency         urgency, NORMAL when absent
 * @param description     what is wrong
 * @param attachments     references to photos or documents
 * @param selfFixed       the reporting inspector fixed it on the spot (自行处置): the case closes at once
 */
public record NewReport(String sourceType, String sourceRef, String reporterName, String reporterContact,
                        double longitude, double latitude, String address, String categoryCode, Urgency urgency,
                        String description, List<String> attachments, boolean selfFixed) {

    public NewReport {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
