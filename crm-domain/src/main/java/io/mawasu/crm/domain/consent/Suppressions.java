package io.mawasu.crm.domain.consent;

import java.util.Collection;
import java.util.List;

import io.mawasu.crm.domain.customer.PhoneNumbers;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The suppression list: addresses nobody may be messaged at on a channel, whoever they
 * belong to (a hard bounce, a complaint, a manual block).
 */
@Service
public class Suppressions {

	private final JdbcClient jdbc;

	Suppressions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Adds addresses to the list for a channel, in one statement; addresses already there
	 * keep their first reason. SMS numbers are stored in E.164
	 * ({@link PhoneNumbers#e164}), the form customers' {@code phone_e164} is compared in;
	 * one that is not a number is stored as given. Returns how many were new.
	 */
	@Transactional
	public int suppress(Channel channel, Collection<String> addresses, String reason) {
		List<String> distinct = addresses.stream()
			.map(String::strip)
			.filter((a) -> !a.isEmpty())
			.map((a) -> (channel == Channel.SMS) ? PhoneNumbers.e164(a).orElse(a) : a)
			.distinct()
			.toList();
		if (distinct.isEmpty()) {
			return 0;
		}
		return this.jdbc.sql("""
				insert into domain.suppression (channel, address, reason)
				select :channel, a, :reason from unnest(:addresses) as a
				on conflict on constraint suppression_channel_address_key do nothing
				""")
			.param("channel", channel.name())
			.param("reason", reason)
			.param("addresses", distinct.toArray(String[]::new))
			.update();
	}

}
