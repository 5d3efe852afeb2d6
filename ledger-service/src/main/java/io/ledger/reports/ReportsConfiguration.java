package io.ledger.reports;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.async.SequentialPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ReportsConfiguration {

    /**
     * Rolling windows ("the previous 20 runs of this group") need runs in ledger order. By default a pooled
     * processor spreads migrations over segments that run in parallel, so a run could be judged before an earlier
     * one of its group was written, differently live and in a replay. One sequence puts every event of this
     * processor in one segment, in order; completions are rare, so the lost parallelism costs little.
     */
    @Bean
    ConfigurerModule reportsInLedgerOrder() {
        return configurer -> configurer.eventProcessing(processing -> processing.registerSequencingPolicy(
                DurationProjector.PROCESSING_GROUP, axon -> new SequentialPolicy()));
    }
}
