package io.mawasu.crm.delivery;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tracking settings ({@code crm.tracking.*}).
 *
 * @param baseUrl the public URL put in open pixels, click redirects and unsubscribe links
 * @param secret the HMAC key of tracking tokens ({@code CRM_TRACKING_SECRET}); links
 * signed with one secret stop working when it changes, so production sets it once and
 * keeps it
 */
@ConfigurationProperties("crm.tracking")
public record TrackingProperties(@DefaultValue("http://localhost:8080") String baseUrl, @Nullable String secret) {

}
