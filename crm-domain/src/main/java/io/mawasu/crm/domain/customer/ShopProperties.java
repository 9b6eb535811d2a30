package io.mawasu.crm.domain.customer;

import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The shop's conventions: the zone dates are read and shown in (an imported date without
 * a time is midnight there, and day-based metrics count calendar days there) and the
 * currency of amounts.
 */
@ConfigurationProperties("crm")
public record ShopProperties(@DefaultValue("Asia/Tokyo") ZoneId timeZone, @DefaultValue("JPY") String currency) {

}
