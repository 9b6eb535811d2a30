package io.mawasu.crm.web.imports;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the CSV import with the application's db-scheduler: an execution that dies
 * with its instance is revived on another one (see {@link ImportJobs}).
 */
@Configuration(proxyBeanMethods = false)
class ImportJobTask {

	@Bean
	OneTimeTask<Void> csvImportTask(ImportJobs jobs) {
		return Tasks.oneTime(ImportJobs.TASK)
			.onDeadExecutionRevive()
			.execute((instance, context) -> jobs.run(instance.getId()));
	}

}
