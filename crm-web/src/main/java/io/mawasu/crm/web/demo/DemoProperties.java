package io.mawasu.crm.web.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Demo mode settings ({@code crm.demo.*}).
 *
 * @param enabled generate demo data into an empty database on start and create the demo
 * users ({@code CRM_DEMO})
 * @param customers how many customers to generate
 * @param ordersPerCustomer mean orders per customer over three years, non-buyers included
 * @param seed the same seed on the same day gives the same data
 * @param exitAfterGenerate stop the application once the data is generated (for
 * benchmarks from the command line)
 */
@ConfigurationProperties("crm.demo")
public record DemoProperties(@DefaultValue("false") boolean enabled, @DefaultValue("20000") int customers,
		@DefaultValue("3.0") double ordersPerCustomer, @DefaultValue("20261123") long seed,
		@DefaultValue("false") boolean exitAfterGenerate) {

}
