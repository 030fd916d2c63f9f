/* System V shared memory, semaphores and message queues: private objects created, used, inspected
 * with every STAT and INFO command, changed with IPC_SET and removed, then the same calls with bad
 * ids, bad pointers, odd flags and unknown commands; the trace must match strace 6.1's line for line. */
#define _GNU_SOURCE
#include <stdint.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define BAD ((void *) 1)

struct message {
    long type;
    char text[32];
};

int main(void) {
    struct shmid_ds shm;
    struct shminfo shminfo;
    struct shm_info shm_info;
    int shmid = syscall(SYS_shmget, IPC_PRIVATE, 4096, IPC_CREAT | 0600);
    syscall(SYS_shmctl, shmid, IPC_STAT, &shm);
    syscall(SYS_shmctl, shmid, IPC_SET, &shm);
    syscall(SYS_shmctl, shmid, IPC_INFO, &shminfo);
    syscall(SYS_shmctl, shmid, SHM_INFO, &shm_info);
    syscall(SYS_shmctl, shmid, IPC_STAT, BAD);
    syscall(SYS_shmctl, shmid, SHM_LOCK, NULL);
    syscall(SYS_shmctl, shmid, 0x100 | IPC_STAT, &shm);
    syscall(SYS_shmctl, shmid, 99, BAD);
    void *at = (void *) syscall(SYS_shmat, shmid, NULL, SHM_RDONLY);
    syscall(SYS_shmat, shmid, BAD, SHM_RND | SHM_REMAP | 0x40000);
    syscall(SYS_shmdt, at);
    syscall(SYS_shmdt, BAD);
    syscall(SYS_shmctl, shmid, IPC_RMID, NULL);
    int huge = syscall(SYS_shmget, 0x1234, 1, IPC_CREAT | IPC_EXCL | SHM_HUGETLB | (21 << 26) | 0640);
    if (huge >= 0) /* where 2 MiB huge pages are reserved: removed, so that the next run is the same */
        syscall(SYS_shmctl, huge, IPC_RMID, NULL);
    syscall(SYS_shmget, 0xdead, 0, 0);
    /* This one may be created (with SHM_NORESERVE): removed at once, never left behind. */
    int big = syscall(SYS_shmget, IPC_PRIVATE, -1, SHM_NORESERVE | 0x80000000 | 0777);
    if (big >= 0)
        syscall(SYS_shmctl, big, IPC_RMID, NULL);

    struct semid_ds sem;
    struct seminfo seminfo;
    int semid = syscall(SYS_semget, IPC_PRIVATE, 2, IPC_CREAT | 0600);
    struct sembuf ops[2] = {{0, 1, SEM_UNDO}, {1, 0, IPC_NOWAIT | 0x20}};
    syscall(SYS_semop, semid, ops, 1);
    syscall(SYS_semop, semid, ops, 2);
    syscall(SYS_semop, semid, NULL, 1);
    syscall(SYS_semop, semid, BAD, 1);
    syscall(SYS_semop, semid, ops, 0);
    struct timespec ts = {0, 1000};
    syscall(SYS_semtimedop, semid, ops, 1, &ts);
    syscall(SYS_semtimedop, semid, ops, 1, NULL);
    syscall(SYS_semtimedop, semid, ops, 1, BAD);
    syscall(SYS_semctl, semid, 0, IPC_STAT, &sem);
    syscall(SYS_semctl, semid, 0, IPC_SET, &sem);
    syscall(SYS_semctl, semid, 0, IPC_INFO, &seminfo);
    syscall(SYS_semctl, semid, 0, SEM_INFO, &seminfo);
    syscall(SYS_semctl, semid, 1, GETVAL, NULL);
    syscall(SYS_semctl, semid, 0, SETVAL, 5);
    syscall(SYS_semctl, semid, 0, IPC_STAT, BAD);
    syscall(SYS_semctl, semid, 0, 77, BAD);
    syscall(SYS_semctl, semid, 0, IPC_RMID, NULL);
    syscall(SYS_semget, 0x4321, -1, IPC_EXCL | 0644);

    struct msqid_ds msq;
    struct msginfo msginfo;
    struct message m = {7, "hello, queue"}, r;
    memset(&r, 0, sizeof r); /* strace shows the whole buffer msgrcv is given, received or not */
    int msqid = syscall(SYS_msgget, IPC_PRIVATE, IPC_CREAT | 0600);
    syscall(SYS_msgsnd, msqid, &m, strlen(m.text), 0);
    syscall(SYS_msgsnd, msqid, &m, 3, IPC_NOWAIT);
    syscall(SYS_msgrcv, msqid, &r, sizeof r.text, 0, MSG_NOERROR);
    syscall(SYS_msgrcv, msqid, &r, 2, -7, IPC_NOWAIT | MSG_NOERROR);
    syscall(SYS_msgrcv, msqid, &r, sizeof r.text, 0, IPC_NOWAIT);
    syscall(SYS_msgsnd, msqid, BAD, 4, 0);
    syscall(SYS_msgsnd, msqid, NULL, 4, 0x80);
    syscall(SYS_msgctl, msqid, IPC_STAT, &msq);
    syscall(SYS_msgctl, msqid, IPC_SET, &msq);
    syscall(SYS_msgctl, msqid, IPC_INFO, &msginfo);
    syscall(SYS_msgctl, msqid, MSG_INFO, &msginfo);
    syscall(SYS_msgctl, msqid, MSG_STAT, BAD);
    syscall(SYS_msgctl, msqid, IPC_RMID, NULL);
    syscall(SYS_msgctl, -1, 55, NULL);
    syscall(SYS_msgget, 0x777, 0);
    return 0;
}
