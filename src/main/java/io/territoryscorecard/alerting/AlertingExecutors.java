package io.territoryscorecard.alerting;

import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** The thread that delivers alert e-mails right after an evaluation, from Boot's builder, stopped with the context. */
@Configuration(proxyBeanMethods = false)
class AlertingExecutors {

    @Bean
    ThreadPoolTaskExecutor alertMailExecutor(ThreadPoolTaskExecutorBuilder builder) {
        return builder.threadNamePrefix("alert-mail-").corePoolSize(1).maxPoolSize(1).queueCapacity(Integer.MAX_VALUE)
                .allowCoreThreadTimeOut(false).acceptTasksAfterContextClose(true).awaitTermination(false)
                .customizers(executor -> executor.setDaemon(true)).build();
    }
}
