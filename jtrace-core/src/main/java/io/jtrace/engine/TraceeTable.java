package io.jtrace.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every traced thread and process, keyed by tid and pid: the one place their state lives. */
final class TraceeTable {
    private final Map<Integer, ThreadState> threads = new HashMap<>();
    private final Map<Integer, ProcessState> processes = new HashMap<>();

    ThreadState thread(int tid) {
        return threads.get(tid);
    }

    ProcessState process(int pid) {
        return processes.get(pid);
    }

    boolean isEmpty() {
        return threads.isEmpty();
    }

    int size() {
        return threads.size();
    }

    List<ThreadState> threads() {
        return new ArrayList<>(threads.values());
    }

    /** Adds a thread to process {@code pid}, creating the process when it is new. */
    ThreadState add(int tid, int pid, boolean launched, boolean filtered) {
        ProcessState p = processes.computeIfAbsent(pid, k -> new ProcessState(k, launched, filtered));
        ThreadState t = new ThreadState(tid, p);
        threads.put(tid, t);
        p.threads.add(tid);
        return t;
    }

    void remove(ThreadState t) {
        threads.remove(t.tid);
        ProcessState p = t.process;
        p.threads.remove(t.tid);
        if (p.threads.isEmpty()) {
            processes.remove(p.pid);
        }
    }

    /**
     * A non-leader thread called execve and now has the leader's tid: its state takes the leader's
     * place, and the old leader's state is dropped (the kernel reports no exit for it).
     */
    ThreadState takeOverLeader(int formerTid, int leaderTid) {
        ThreadState exec = threads.remove(formerTid);
        ThreadState oldLeader = threads.remove(leaderTid);
        ProcessState p = exec != null ? exec.process : oldLeader.process;
        p.threads.remove(formerTid);
        p.threads.remove(leaderTid);
        ThreadState moved = new ThreadState(leaderTid, p);
        // Stopped at the exec event now: seen, whatever became of its first stop.
        moved.phase = ThreadState.Phase.TRACED;
        if (exec != null) {
            moved.inSyscall = exec.inSyscall;
            moved.syscallNr = exec.syscallNr;
            moved.syscallArgs = exec.syscallArgs;
            moved.enteredAtSeccompStop = exec.enteredAtSeccompStop;
            if (exec.phase != ThreadState.Phase.AWAITING_FIRST_STOP) {
                moved.phase = exec.phase;
            }
        }
        threads.put(leaderTid, moved);
        p.threads.add(leaderTid);
        return moved;
    }
}
