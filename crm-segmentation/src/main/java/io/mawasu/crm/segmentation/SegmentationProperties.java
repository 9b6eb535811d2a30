package io.mawasu.crm.segmentation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the segmentation module.
 *
 * @param rfmCron when the scheduled RFM run starts (a Spring cron expression in the
 * server's zone; {@code -} disables it)
 * @param rfmStaleAfter how long a run may stay RUNNING before a new start treats it as
 * abandoned (its instance died) and marks it FAILED
 * @param segmentRefreshCron when saved segments without their own schedule are
 * re-snapshotted (a Spring cron expression in the shop's zone)
 * @param clvCron when the scheduled CLV re-fit starts (default Mondays 05:00; {@code -}
 * disables it)
 * @param clvTimeout the longest a CLV fit may run before it is rolled back
 */
@ConfigurationProperties("crm.segmentation")
public record SegmentationProperties(@DefaultValue("0 0 4 * * *") String rfmCron,
		@DefaultValue("1h") Duration rfmStaleAfter, @DefaultValue("0 0 4 * * *") String segmentRefreshCron,
		@DefaultValue("0 0 5 * * MON") String clvCron, @DefaultValue("30m") Duration clvTimeout) {

}
