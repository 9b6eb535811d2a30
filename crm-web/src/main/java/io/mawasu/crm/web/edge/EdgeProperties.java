package io.mawasu.crm.web.edge;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits applied at the edge ({@code crm.web.*}).
 *
 * @param maxBodySize the largest JSON or text request body (CSV imports and multipart
 * uploads are streamed and have their own limits)
 * @param queryTimeout how long one statement of an interactive query (segment counts and
 * previews, member pages, the customer search) may run
 */
@ConfigurationProperties("crm.web")
public record EdgeProperties(@DefaultValue("1MB") DataSize maxBodySize, @DefaultValue("10s") Duration queryTimeout) {

	/**
	 * Who may reach the pages and {@code /api/**} ({@code crm.security.*}).
	 *
	 * @param allowedNetworks CIDR blocks (IPv4 or IPv6) clients must come from; empty
	 * allows every address. Never applied to {@code /t/**}, {@code /u/**} and
	 * {@code /webhooks/**}.
	 * @param trustedProxies addresses or CIDR blocks of the reverse proxies whose
	 * {@code X-Forwarded-For} is believed; from any other peer the header is ignored
	 */
	@ConfigurationProperties("crm.security")
	public record Networks(@DefaultValue List<String> allowedNetworks, @DefaultValue List<String> trustedProxies) {

	}

}
