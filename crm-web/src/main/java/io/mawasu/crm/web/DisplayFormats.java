package io.mawasu.crm.web;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;

import io.mawasu.crm.domain.customer.Prefecture;
import io.mawasu.crm.domain.customer.ShopProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Numbers, money and times as the pages show them, for the current locale and in the
 * shop's time zone. Templates call it as {@code ${@displayFormats.money(amount)}}; an
 * absent value is shown as an empty string.
 */
@Component
public class DisplayFormats {

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;

	private final ShopProperties shop;

	DisplayFormats(ShopProperties shop) {
		this.shop = shop;
	}

	/** An amount in the shop's currency, e.g. {@code ¥1,234}. */
	public String money(@Nullable BigDecimal amount) {
		return money(amount, this.shop.currency());
	}

	/**
	 * An amount in the given currency with the currency's usual decimals and its
	 * international symbol ({@code ¥}, {@code $}, {@code €}) in every language.
	 */
	public String money(@Nullable BigDecimal amount, String currencyCode) {
		if (amount == null) {
			return "";
		}
		Currency currency = Currency.getInstance(currencyCode.strip());
		DecimalFormat format = (DecimalFormat) NumberFormat.getCurrencyInstance(locale());
		DecimalFormatSymbols symbols = format.getDecimalFormatSymbols();
		symbols.setCurrency(currency);
		symbols.setCurrencySymbol(currency.getSymbol(Locale.US));
		format.setDecimalFormatSymbols(symbols);
		int digits = Math.max(0, currency.getDefaultFractionDigits());
		format.setMinimumFractionDigits(digits);
		format.setMaximumFractionDigits(digits);
		return format.format(amount);
	}

	/** A whole number with grouping, e.g. {@code 12,345}. */
	public String number(@Nullable Number value) {
		return number(value, 0);
	}

	/** A number with grouping and exactly {@code decimals} decimals. */
	public String number(@Nullable Number value, int decimals) {
		if (value == null) {
			return "";
		}
		NumberFormat format = NumberFormat.getNumberInstance(locale());
		format.setMinimumFractionDigits(decimals);
		format.setMaximumFractionDigits(decimals);
		return format.format(value);
	}

	/** A date and time in the shop's time zone, e.g. {@code 2026-11-23 09:30}. */
	public String dateTime(@Nullable Instant instant) {
		return (instant != null) ? DATE_TIME.format(instant.atZone(this.shop.timeZone())) : "";
	}

	/** The calendar date in the shop's time zone. */
	public String date(@Nullable Instant instant) {
		return (instant != null) ? DATE.format(instant.atZone(this.shop.timeZone())) : "";
	}

	/**
	 * A prefecture as customers store it (北海道) by its name in the page's language
	 * (Hokkaido in English); other text unchanged.
	 */
	public String prefecture(@Nullable String name) {
		if (name == null) {
			return "";
		}
		return Prefecture.ofName(name).map((p) -> p.name(locale().getLanguage())).orElse(name);
	}

	private static Locale locale() {
		return LocaleContextHolder.getLocale();
	}

}
