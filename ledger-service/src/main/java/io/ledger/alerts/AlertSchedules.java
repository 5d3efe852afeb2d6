package io.ledger.alerts;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/** Scanning, sending and Alertmanager re-sends, each at its own configured interval on the scheduler. */
@Component
class AlertSchedules implements SchedulingConfigurer {

    private final AlertsProperties settings;
    private final Scan scan;
    private final Sender sender;
    private final Resender resender;

    AlertSchedules(AlertsProperties settings, Scan scan, Sender sender, Resender resender) {
        this.settings = settings;
        this.scan = scan;
        this.sender = sender;
        this.resender = resender;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(scan::run, settings.scanInterval());
        tasks.addFixedDelayTask(sender::drain, settings.sendInterval());
        tasks.addFixedDelayTask(resender::resend, settings.resendInterval());
    }
}
