/*
 * bench_launch RESULT_FILE PROGRAM [ARGS...]: runs PROGRAM once and writes "<wall ns> <peak RSS KiB> <wait status>"
 * to RESULT_FILE.
 *
 * Why not time the child from Python: Linux keeps a process's peak RSS across execve, so a child forked from
 * the ~13 MiB Python interpreter reports at least Python's RSS, whatever it runs. Forked from this small static
 * program, the floor is about 1 MiB and the figure is the program's own. Wall time runs from just before
 * fork to the reap, as before.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: bench_launch RESULT_FILE PROGRAM [ARGS...]\n");
        return 2;
    }
    long long start = now_ns();
    pid_t pid = fork();
    if (pid < 0) {
        perror("bench_launch: fork");
        return 2;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        perror("bench_launch: exec");
        _exit(127);
    }
    int status = 0;
    struct rusage usage;
    if (wait4(pid, &status, 0, &usage) < 0) {
        perror("bench_launch: wait4");
        return 2;
    }
    long long wall = now_ns() - start;
    FILE *out = fopen(argv[1], "w");
    if (!out) {
        perror("bench_launch: result file");
        return 2;
    }
    fprintf(out, "%lld %ld %d\n", wall, usage.ru_maxrss, status);
    fclose(out);
    return 0;
}
