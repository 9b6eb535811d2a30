package io.mawasu.crm.segmentation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rule segment settings ({@code crm.segmentation.*}): the default refresh schedule of
 * saved segments without their own (a Spring cron expression in the shop's zone; daily at
 * 04:00 unless set).
 *
 * @param segmentRefreshCron when segments without their own schedule are re-snapshotted
 */
@ConfigurationProperties("crm.segmentation")
public record SegmentProperties(@DefaultValue("0 0 4 * * *") String segmentRefreshCron) {

}
