package org.cityops.platform.internal;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Platform settings ({@code cityops.*}).
 *
 * @param dataDir        folder for the embedded database, keys and attachments
 * @param maxRequestBody largest request body accepted before 413
 * @param maxUploadBody  largest multipart (file upload) request body accepted before 413 on the
 *                       upload paths; every other body keeps {@code maxRequestBody}
 * @param uploadPaths    Ant-style path patterns where multipart uploads get {@code maxUploadBody}
 * @param staAnonymousWrites whether anyone may create, change and delete SensorThings entities
 *                       under {@code /sta} (for a conformance run); reads are always open
 * @param security       how callers are authenticated
 */
@ConfigurationProperties("cityops")
record PlatformSettings(@DefaultValue("./data") String dataDir,
                        @DefaultValue("1MB") DataSize maxRequestBody,
                        @DefaultValue("50MB") DataSize maxUploadBody,
                        @DefaultValue("/api/v1/inspections/**") List<String> uploadPaths,
                        @DefaultValue("false") boolean staAnonymousWrites,
                        @DefaultValue Security security) {

    /**
     * @param mode       {@code embedded}: the platform logs users in and signs its own JWTs;
     *                   {@code oidc}: an external identity provider issues them
     *                   ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri})
     * @param jwtSecret  HMAC key for embedded tokens; generated under the data folder when empty
     * @param tokenTtl   lifetime of an embedded token
     * @param claims     claim names carrying role, region and department (OIDC tokens)
     */
    record Security(@DefaultValue("embedded") String mode,
                    String jwtSecret,
                    @DefaultValue("8h") Duration tokenTtl,
                    @DefaultValue Claims claims) {

        Security {
            // a misspelt mode must not silently fall back to local logins and a bootstrapped admin
            if (!"embedded".equals(mode) && !"oidc".equals(mode)) {
                throw new IllegalArgumentException("cityops.security.mode must be 'embedded' or 'oidc', not '"
                        + mode + "'");
            }
        }

        /** Returns whether an external identity provider issues the tokens. */
        boolean oidc() {
            return "oidc".equals(mode);
        }
    }

    record Claims(@DefaultValue("cityops_role") String role,
                  @DefaultValue("cityops_region") String region,
                  @DefaultValue("cityops_department") String department,
                  @DefaultValue("preferred_username") String username) {
    }
}
