package io.jtrace.cli;

import io.jtrace.testsupport.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;


/**
 * System V IPC (shared memory, semaphores, message queues), mincore, membarrier, the NUMA policy
 * calls, getpriority/setpriority and netlink socket options, decoded as strace 6.1 decodes them, in
 * each constant style and with short strings: both tracers must print the same lines once the ids
 * the kernel hands out, pids, times and system-wide counters are masked.
 */
class IpcMemoryDecodingTest {
    private static final String IPC_CALLS = "trace=shmget,shmat,shmdt,shmctl,semget,semop,semtimedop,semctl,msgget,"
            + "msgsnd,msgrcv,msgctl";
    private static final String MEMORY_CALLS = "trace=mincore,membarrier,mbind,set_mempolicy,get_mempolicy,"
            + "getpriority,setpriority,setsockopt,getsockopt";

    @BeforeEach
    void requirements() {
        Runs.requireTracers();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-Xabbrev", "-Xraw", "-Xverbose", "-s4", "-v"})
    void sharedMemorySemaphoresAndMessageQueues(String option) {
        assertSameTrace("sysv_ipc", option, "-e", IPC_CALLS);
    }

    /** The %ipc class, and its legacy spelling, select the same calls as strace's. */
    @ParameterizedTest
    @ValueSource(strings = {"trace=%ipc", "ipc", "trace=ipc,shmdt"})
    void theIpcClass(String expression) {
        assertSameTrace("sysv_ipc", "-e", expression);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-Xabbrev", "-Xraw", "-Xverbose", "-s1", "-v"})
    void residencyBarriersPoliciesPrioritiesAndNetlinkOptions(String option) {
        assertSameTrace("memory_policy", option, "-e", MEMORY_CALLS);
    }

    private static void assertSameTrace(String fixture, String... options) {
        List<String> args = new ArrayList<>(List.of(options));
        args.add(Fixtures.path(fixture).toString());
        Runs.assertSameTrace(args, s -> maskVarying(Runs.mask(s)), () -> { });
    }

    /**
     * The ids shmget, semget and msgget return and the calls then take, the creator's and last
     * user's pids, the times of last use, the INFO commands' counts of what the whole system has,
     * and the padding before the result of a call given an id.
     */
    private static String maskVarying(String trace) {
        return trace
                .replaceAll("(?m)^((?:shm|sem|msg)get\\(.*= )\\d+$", "$1ID")
                .replaceAll("(?m)^((?:shmat|shmctl|semop|semtimedop|semctl|msgsnd|msgrcv|msgctl)\\()\\d+", "$1ID")
                .replaceAll("(?m)^((?:shmctl|semctl|msgctl)\\(ID, .*(?:INFO|STAT|0x3|0xe|0xd|0x13|0x12|0xc|0xb)\\b.*= )\\d+$",
                        "$1ID")
                .replaceAll("\\b(shm_cpid|shm_lpid|msg_lspid|msg_lrpid)=\\d+", "$1=PID")
                .replaceAll("\\b(shm_atime|shm_dtime|shm_ctime|sem_otime|sem_ctime|msg_stime|msg_rtime|msg_ctime)=\\d+",
                        "$1=T")
                .replaceAll("\\b(used_ids|shm_tot|shm_rss|shm_swp|semusz|semaem|msgpool|msgmap|msgtql)=\\d+", "$1=N")
                // An id's digits move the column the result is aligned to: the padding is masked with it.
                .replaceAll("(?m)^((?:shm|sem|msg)\\w+\\(ID,.*\\)) +(= .*)$", "$1 $2");
    }
}
