package org.cityops.intake.inspection;

import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Inspector report settings ({@code cityops.inspection.*}).
 *
 * @param maxPhotoSize   largest photo accepted (413 above it)
 * @param maxFiles       most files in one report, photos, before and after together
 * @param allowedTypes   image formats accepted, recognised by content
 * @param attachmentsDir where photos are stored; empty means {@code <cityops.data-dir>/attachments}
 */
@ConfigurationProperties("cityops.inspection")
record InspectionSettings(@DefaultValue("5MB") DataSize maxPhotoSize,
                          @DefaultValue("9") int maxFiles,
                          @DefaultValue({"JPEG", "PNG", "WEBP"}) Set<ImageType> allowedTypes,
                          @DefaultValue("") String attachmentsDir) {
}
