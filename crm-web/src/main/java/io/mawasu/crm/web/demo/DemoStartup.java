package io.mawasu.crm.web.demo;

import io.mawasu.crm.domain.demo.DemoData;
import io.mawasu.crm.web.security.UserAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * In demo mode, once the application is up: creates the demo users, generates the demo
 * data if {@code domain.customer} is empty, and stops the application afterwards when
 * {@code crm.demo.exit-after-generate} is set.
 */
@Component
@ConditionalOnBooleanProperty("crm.demo.enabled")
class DemoStartup {

	private static final Logger log = LoggerFactory.getLogger(DemoStartup.class);

	private final DemoData demoData;

	private final UserAccounts accounts;

	private final DemoProperties properties;

	private final DemoCampaign campaign;

	DemoStartup(DemoData demoData, UserAccounts accounts, DemoProperties properties, DemoCampaign campaign) {
		this.demoData = demoData;
		this.accounts = accounts;
		this.properties = properties;
		this.campaign = campaign;
	}

	@EventListener
	void onReady(ApplicationReadyEvent event) {
		int created = DemoUsers.ensure(this.accounts);
		if (created > 0) {
			log.info("Demo mode: created {} demo users (password '{}'), listed on the login page", created,
					DemoUsers.PASSWORD);
		}
		if (this.demoData.isEmpty()) {
			log.info("Demo mode: generating {} customers with {} orders per customer on average (seed {})",
					this.properties.customers(), this.properties.ordersPerCustomer(), this.properties.seed());
			DemoData.Dataset dataset = this.demoData.generate(this.properties.customers(),
					this.properties.ordersPerCustomer(), this.properties.seed());
			log.info("Demo mode: generated {} customers, {} orders and {} consents in {} s", dataset.customers(),
					dataset.orders(), dataset.consents(), dataset.took().toMillis() / 1000.0);
			long scenario = this.campaign.seed();
			log.info("Demo mode: created a draft F2 follow-up scenario (/scenarios/{}) with its segment and contents",
					scenario);
		}
		else {
			log.info("Demo mode: the database already holds customers, nothing generated");
		}
		if (this.properties.exitAfterGenerate()) {
			ConfigurableApplicationContext context = event.getApplicationContext();
			System.exit(SpringApplication.exit(context, () -> 0));
		}
	}

}
