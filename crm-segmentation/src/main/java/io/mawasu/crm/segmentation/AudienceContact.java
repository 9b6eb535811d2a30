package io.mawasu.crm.segmentation;

import org.jspecify.annotations.Nullable;

/**
 * A segment member who may be uploaded to ad platforms: email trimmed and lower-cased,
 * phone in E.164 ({@code +819012345678}); either may be null, never both.
 */
public record AudienceContact(@Nullable String email, @Nullable String phoneE164) {

}
