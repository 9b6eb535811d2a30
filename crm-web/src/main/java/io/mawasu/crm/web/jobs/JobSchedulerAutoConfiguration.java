package io.mawasu.crm.web.jobs;

import com.github.kagkarlsson.scheduler.boot.autoconfigure.DbSchedulerAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * Applies db-scheduler's Spring Boot auto-configuration after Spring Boot 4's
 * {@code DataSourceAutoConfiguration}. The starter (16.7) orders itself after Boot 3's
 * class of that name, which no longer exists, so on its own it runs before the DataSource
 * is defined and its {@code @ConditionalOnBean(DataSource.class)} skips the scheduler;
 * {@code spring.autoconfigure.exclude} removes it from its own slot and this class
 * imports it here. It collects every {@code Task} bean of the modules (RFM schedule,
 * segment refresh, CSV imports) and starts the scheduler once the context is ready
 * ({@code db-scheduler.*} settings).
 */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class })
@Import(DbSchedulerAutoConfiguration.class)
public class JobSchedulerAutoConfiguration {

}
