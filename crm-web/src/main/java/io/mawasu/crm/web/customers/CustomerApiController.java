package io.mawasu.crm.web.customers;

import io.mawasu.crm.domain.customer.CustomerDetail;
import io.mawasu.crm.domain.customer.CustomerQueries;
import io.mawasu.crm.domain.customer.ShopProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/customers")
@Tag(name = "Customers")
class CustomerApiController {

	private final CustomerQueries customers;

	private final CustomerInsights insights;

	private final ShopProperties shop;

	CustomerApiController(CustomerQueries customers, CustomerInsights insights, ShopProperties shop) {
		this.customers = customers;
		this.insights = insights;
		this.shop = shop;
	}

	@GetMapping("/{externalId}")
	@Operation(summary = "One customer by its external id", description = """
			Attributes, current consent per channel (a channel without consent is absent), purchase summary, \
			RFM score of the latest run and segments. registeredAt and lastOrderedAt are ISO-8601 date-times \
			with the offset of the shop's time zone (crm.time-zone, e.g. 2026-11-01T09:30:00+09:00); birthDate \
			is an ISO date. Email and phone are masked for ANALYST and MANAGER.""")
	@ApiResponse(responseCode = "200", description = "The customer")
	@ApiResponse(responseCode = "404", description = "No customer has this external id")
	CustomerResponse customer(@PathVariable String externalId) {
		CustomerDetail detail = this.customers.detail(externalId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No customer has the external id '"
					+ externalId + "'. Check the id, or import the customer first (POST /api/import/customers)."));
		return CustomerResponse.of(CustomerPii.forCurrentUser(detail), this.shop.timeZone(),
				this.insights.rfm(externalId), this.insights.segments(externalId));
	}

}
