package io.mawasu.crm.web.jobs;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.event.SchedulerListener;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import io.mawasu.crm.CrmApplication;
import io.mawasu.crm.segmentation.SegmentRule;
import io.mawasu.crm.segmentation.Segments;
import io.mawasu.crm.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

/**
 * Two application instances on one database of their own (created and dropped here, so no
 * other test context's scheduler takes part): a recurring job runs once per due time
 * across both, and a page import survives the death of the instance that was running it.
 */
class ClusterJobsIntegrationTests {

	private static final List<Execution> executions = new CopyOnWriteArrayList<>();

	private static String url;

	private static String database;

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	@BeforeAll
	static void createDatabase() throws SQLException {
		TestDatabase.Coordinates test = TestDatabase.get();
		// The test run's prefix and time stamp, so a killed run's database is dropped
		// later.
		database = "crm_test_"
				+ DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC).format(Instant.now()) + "_"
				+ Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL) + "_cluster";
		try (Connection connection = DriverManager.getConnection(test.url(), test.username(), test.password());
				Statement statement = connection.createStatement()) {
			statement.execute("create database " + database);
		}
		url = test.url().replaceFirst("/[^/?]+(\\?.*)?$", "/" + database + "$1");
	}

	@AfterAll
	static void dropDatabase() throws SQLException {
		TestDatabase.Coordinates test = TestDatabase.get();
		try (Connection connection = DriverManager.getConnection(test.url(), test.username(), test.password());
				Statement statement = connection.createStatement()) {
			statement.execute("drop database if exists " + database + " with (force)");
		}
	}

	@AfterEach
	void closeContexts() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
		this.contexts.clear();
	}

	@Test
	void aRecurringJobRunsOncePerDueTimeAcrossTwoInstances() throws Exception {
		String[] everyTwoSeconds = { "crm.segmentation.rfm-cron=*/2 * * * * *",
				"crm.segmentation.refresh-check-interval=500ms", "db-scheduler.polling-interval=200ms" };
		executions.clear();
		ConfigurableApplicationContext first = start("first", everyTwoSeconds);
		ConfigurableApplicationContext second = start("second", everyTwoSeconds);
		Segments segments = second.getBean(Segments.class);
		long segment = segments.create("every tick",
				SegmentRule.parse("{\"field\":\"gender\",\"op\":\"eq\",\"value\":\"F\"}"), "test");
		segments.setRefreshCron(segment, "*/2 * * * * *");
		Instant created = Instant.now();
		JdbcClient jdbc = jdbc();
		Instant until = created.plusSeconds(90);
		while ((rfmRuns().stream().filter((run) -> run.dueAt().isAfter(created)).count() < 5
				|| snapshots(jdbc, segment) < 4) && Instant.now().isBefore(until)) {
			Thread.sleep(200);
		}
		this.contexts.forEach(ConfigurableApplicationContext::close);
		List<Execution> rfm = rfmRuns();
		assertThat(rfm).hasSizeGreaterThanOrEqualTo(5);
		// Each due time ran on exactly one of the two instances ...
		Map<Instant, Long> perDueTime = rfm.stream()
			.collect(Collectors.groupingBy(Execution::dueAt, Collectors.counting()));
		assertThat(perDueTime.values()).allMatch((count) -> count == 1);
		assertThat(rfm).allMatch((execution) -> execution.dueAt().getEpochSecond() % 2 == 0);
		// ... and did the work once: one RFM run per execution, one snapshot per tick.
		long runs = jdbc.sql("select count(*) from segmentation.rfm_run").query(Long.class).single();
		assertThat(runs).isEqualTo(rfm.size());
		List<Long> snapshotsPerTick = jdbc.sql("""
				select count(*) from segmentation.segment_snapshot where segment_id = :segment
				group by floor(extract(epoch from taken_at) / 2)
				""").param("segment", segment).query(Long.class).list();
		assertThat(snapshotsPerTick).hasSizeGreaterThanOrEqualTo(3).allMatch((count) -> count == 1);
	}

	@Test
	void aPageImportSurvivesTheDeathOfItsInstance() throws Exception {
		// The first instance stores the job but does not poll for due work again in this
		// test.
		ConfigurableApplicationContext first = start("first", "db-scheduler.polling-interval=1h",
				"db-scheduler.immediate-execution-enabled=false");
		MockMvc firstMvc = mvc(first);
		String p = "cl" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL) + "-";
		MockMultipartFile file = new MockMultipartFile("file", "cluster.csv", "text/csv",
				"external_id,gender\n%1$s1,F\n%1$s2,M\n%1$s3,Z\n".formatted(p).getBytes(StandardCharsets.UTF_8));
		String location = firstMvc
			.perform(multipart("/import").file(file)
				.param("kind", "CUSTOMERS")
				.with(user("marketer").roles("MARKETER"))
				.with(csrf()))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		assertThat(location).startsWith("/import?job=");
		String job = location.substring("/import?job=".length());
		assertThat(poll(firstMvc, job)).contains("hx-trigger=\"every 1s\"").doesNotContain("import-result");
		first.close();
		// As if the first instance had been killed while importing: its execution is
		// still
		// picked, its heartbeats have stopped, the job is half done.
		JdbcClient jdbc = jdbc();
		assertThat(jdbc.sql("select count(*) from web.import_job_chunk where job_id = cast(:id as uuid)")
			.param("id", job)
			.query(Long.class)
			.single()).isOne();
		assertThat(jdbc
			.sql("""
					update scheduled_tasks set picked = true, picked_by = 'killed', last_heartbeat = now() - interval '1 hour'
					where task_name = 'csv-import' and task_instance = :id
					""")
			.param("id", job)
			.update()).isOne();
		jdbc.sql(
				"update web.import_job set status = 'RUNNING', attempts = 1, rows_read = 2 where id = cast(:id as uuid)")
			.param("id", job)
			.update();

		ConfigurableApplicationContext second = start("second", "db-scheduler.polling-interval=200ms",
				"db-scheduler.heartbeat-interval=1s", "db-scheduler.missed-heartbeats-limit=4");
		MockMvc secondMvc = mvc(second);
		String fragment = "";
		Instant until = Instant.now().plusSeconds(90);
		while (!fragment.contains("import-result") && Instant.now().isBefore(until)) {
			Thread.sleep(200);
			fragment = poll(secondMvc, job);
		}
		assertThat(fragment).contains("id=\"import-inserted\">2<").contains("id=\"import-rejected\">1<");
		assertThat(jdbc.sql("select attempts from web.import_job where id = cast(:id as uuid)")
			.param("id", job)
			.query(Integer.class)
			.single()).isEqualTo(2);
		assertThat(jdbc.sql("select count(*) from domain.customer where external_id like :p")
			.param("p", p + "%")
			.query(Long.class)
			.single()).isEqualTo(2);
		assertThat(jdbc.sql("select count(*) from web.import_job_chunk where job_id = cast(:id as uuid)")
			.param("id", job)
			.query(Long.class)
			.single()).isZero();
		assertThat(jdbc.sql("select count(*) from scheduled_tasks where task_name = 'csv-import'")
			.query(Long.class)
			.single()).isZero();
	}

	private ConfigurableApplicationContext start(String name, String... properties) {
		List<String> all = new ArrayList<>(
				List.of("spring.datasource.url=" + url, "spring.datasource.username=" + TestDatabase.get().username(),
						"spring.datasource.password=" + TestDatabase.get().password(), "server.port=0",
						"spring.datasource.hikari.maximum-pool-size=6", "crm.security.admin-username=admin",
						"crm.security.admin-password=cluster-test-password", "db-scheduler.scheduler-name=" + name,
						"crm.delivery.worker.enabled=false", "crm.scenario.engine.enabled=false"));
		all.addAll(List.of(properties));
		// As command-line arguments: they win over application.properties (default
		// properties would not).
		ConfigurableApplicationContext context = new SpringApplicationBuilder(CrmApplication.class,
				RecordingListener.class)
			.run(all.stream().map((property) -> "--" + property).toArray(String[]::new));
		this.contexts.add(context);
		assertThat(context.getEnvironment().getProperty("spring.datasource.url")).isEqualTo(url);
		return context;
	}

	private static JdbcClient jdbc() {
		return JdbcClient
			.create(new DriverManagerDataSource(url, TestDatabase.get().username(), TestDatabase.get().password()));
	}

	private static MockMvc mvc(ConfigurableApplicationContext context) {
		return MockMvcBuilders.webAppContextSetup((WebApplicationContext) context).apply(springSecurity()).build();
	}

	private static String poll(MockMvc mvc, String job) throws Exception {
		return mvc.perform(get("/import/jobs/" + job).with(user("marketer").roles("MARKETER")))
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private static long snapshots(JdbcClient jdbc, long segment) {
		return jdbc.sql("select count(*) from segmentation.segment_snapshot where segment_id = :segment")
			.param("segment", segment)
			.query(Long.class)
			.single();
	}

	private static List<Execution> rfmRuns() {
		return executions.stream().filter((execution) -> execution.task().equals("rfm-run")).toList();
	}

	record Execution(String instance, String task, Instant dueAt) {
	}

	/** Records every finished execution of either instance (a source of each context). */
	static class RecordingListener {

		@Bean
		SchedulerListener recordingSchedulerListener(org.springframework.core.env.Environment environment) {
			String instance = environment.getProperty("db-scheduler.scheduler-name", "");
			return new AbstractSchedulerListener() {
				@Override
				public void onExecutionComplete(ExecutionComplete complete) {
					executions.add(new Execution(instance, complete.getExecution().taskInstance.getTaskName(),
							complete.getExecution().executionTime));
				}
			};
		}

	}

}
