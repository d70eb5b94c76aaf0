package io.territoryscorecard.evaluation;

import org.springframework.boot.task.SimpleAsyncTaskExecutorBuilder;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The threads of evaluation runs, from Boot's builders, shut down with the context. Background runs take tasks until
 * the context destroys them and are then interrupted (as a stop interrupts a run), not waited for.
 */
@Configuration(proxyBeanMethods = false)
class EvaluationExecutors {

    /** Runs started through the API or the schedule: at most two at a time, further ones queue. */
    @Bean
    ThreadPoolTaskExecutor evaluationRunExecutor(ThreadPoolTaskExecutorBuilder builder) {
        return builder.threadNamePrefix("evaluation-").corePoolSize(2).maxPoolSize(2).queueCapacity(Integer.MAX_VALUE)
                .allowCoreThreadTimeOut(false).acceptTasksAfterContextClose(true).awaitTermination(false)
                .customizers(executor -> executor.setDaemon(true)).build();
    }

    /**
     * The writes of a run's batches, a thread each: every run writes beside its own rule firing with at most one write
     * in flight, whatever other runs do.
     */
    @Bean
    SimpleAsyncTaskExecutor evaluationWriteExecutor(SimpleAsyncTaskExecutorBuilder builder) {
        return builder.threadNamePrefix("evaluation-writer-").build();
    }
}
