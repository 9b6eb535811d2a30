package io.mawasu.crm.segmentation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the segmentation module.
 *
 * @param rfmCron when the scheduled RFM run starts (a Spring cron expression in the
 * server's zone; {@code -} disables it)
 * @param rfmStaleAfter how long a run may stay RUNNING before a new start treats it as
 * abandoned (its instance died) and marks it FAILED
 * @param segmentRefreshCron when saved segments without their own schedule are
 * re-snapshotted (a Spring cron expression in the shop's zone; {@code -} leaves them
 * alone)
 * @param clvCron when the scheduled CLV re-fit starts (default Mondays 05:00; {@code -}
 * disables it)
 * @param clvTimeout the longest a CLV fit may run before it is rolled back
 * @param refreshCheckInterval how often one instance of the cluster checks which saved
 * segments are due for a snapshot
 * @param clvWorkMem PostgreSQL's {@code work_mem} for the CLV fit's summary aggregate:
 * its first step has one group per customer and purchase day (ten million for a million
 * customers), which spills to disk when it does not fit (up to twice this with the
 * default {@code hash_mem_multiplier})
 */
@ConfigurationProperties("crm.segmentation")
public record SegmentationProperties(@DefaultValue("0 0 4 * * *") String rfmCron,
		@DefaultValue("1h") Duration rfmStaleAfter, @DefaultValue("0 0 4 * * *") String segmentRefreshCron,
		@DefaultValue("0 0 5 * * MON") String clvCron, @DefaultValue("30m") Duration clvTimeout,
		@DefaultValue("60s") Duration refreshCheckInterval, @DefaultValue("1GB") DataSize clvWorkMem) {

}
