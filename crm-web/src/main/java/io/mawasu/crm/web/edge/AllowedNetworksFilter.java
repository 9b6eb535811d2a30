package io.mawasu.crm.web.edge;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The IP allow-list ({@code crm.security.allowed-networks}): pages, {@code /api/**} and
 * static files answer only clients from the listed networks; an empty list allows every
 * address. What recipients and providers reach ({@code /t/**}, {@code /u/**},
 * {@code /webhooks/**}) and the health check are never restricted.
 * <p>
 * The client is the connection's peer, unless the peer is one of
 * {@code crm.security.trusted-proxies}: then it is the right-most address of
 * {@code X-Forwarded-For} that is not a trusted proxy. The request continues with that
 * address as its remote address, so the audit log and the login throttle see the same
 * client. {@code X-Forwarded-For} from any other peer is ignored, so a client cannot
 * claim an allowed address.
 */
class AllowedNetworksFilter extends OncePerRequestFilter {

	static final List<String> PUBLIC_PREFIXES = List.of("/t/", "/u/", "/webhooks/", "/actuator/health");

	private final List<Cidr> allowed;

	private final List<Cidr> proxies;

	AllowedNetworksFilter(EdgeProperties.Networks networks) {
		this.allowed = networks.allowedNetworks().stream().filter((s) -> !s.isBlank()).map(Cidr::parse).toList();
		this.proxies = networks.trustedProxies().stream().filter((s) -> !s.isBlank()).map(Cidr::parse).toList();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String peer = request.getRemoteAddr();
		String client = client(peer, request.getHeader("X-Forwarded-For"));
		HttpServletRequest forwarded = client.equals(peer) ? request : new ClientAddress(request, client);
		if (!this.allowed.isEmpty() && !isPublic(EdgeResponses.path(request))
				&& this.allowed.stream().noneMatch((cidr) -> cidr.contains(client))) {
			EdgeResponses.refuse(forwarded, response, HttpStatus.FORBIDDEN,
					"Your address " + client + " is not in the networks allowed to use Mawasu "
							+ "(crm.security.allowed-networks); ask an administrator.");
			return;
		}
		chain.doFilter(forwarded, response);
	}

	String client(String peer, @Nullable String forwardedFor) {
		if (forwardedFor == null || forwardedFor.isBlank() || !isTrustedProxy(peer)) {
			return peer;
		}
		String[] hops = forwardedFor.split(",");
		String client = peer;
		for (int i = hops.length - 1; i >= 0; i--) {
			String hop = hops[i].strip();
			if (Cidr.literal(hop) == null) {
				// Not an address (a name, garbage): stop at the last hop we could read.
				break;
			}
			client = hop;
			if (!isTrustedProxy(hop)) {
				break;
			}
		}
		return client;
	}

	private boolean isTrustedProxy(String address) {
		return this.proxies.stream().anyMatch((cidr) -> cidr.contains(address));
	}

	private static boolean isPublic(String path) {
		return PUBLIC_PREFIXES.stream().anyMatch((prefix) -> path.startsWith(prefix) || path.equals(prefix));
	}

	private static final class ClientAddress extends HttpServletRequestWrapper {

		private final String address;

		ClientAddress(HttpServletRequest request, String address) {
			super(request);
			this.address = address;
		}

		@Override
		public String getRemoteAddr() {
			return this.address;
		}

		@Override
		public String getRemoteHost() {
			return this.address;
		}

	}

}
