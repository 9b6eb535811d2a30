/**
 * What recipients reach from a message (open pixel, click redirect, unsubscribe page and
 * RFC 8058 one-click) and the providers' webhooks (LINE follow/unfollow, SMS STOP): no
 * login, the HMAC token or the provider's signature is the proof.
 */
@NullMarked
package io.mawasu.crm.web.tracking;

import org.jspecify.annotations.NullMarked;
