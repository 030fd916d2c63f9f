/* Runs until killed: getppid then a 20 ms sleep, forever. A target for -p. */
#include <time.h>
#include <unistd.h>

int main(void) {
    struct timespec ts = {0, 20 * 1000 * 1000};
    for (;;) {
        getppid();
        nanosleep(&ts, NULL);
    }
}
