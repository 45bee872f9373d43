/*
 * lu-sig-race.c - one thread raises SIGUSR1 over and over while another switches its
 * disposition between a handler and SIG_IGN (python's test_stress_modifying_handlers): every
 * delivery must act on one consistent disposition, never "call" SIG_IGN.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static volatile int stress_stop, stress_sent, stress_got;
static void stress_handler(int sig) { (void)sig; stress_got++; }
static void *stress_raiser(void *arg)
{
    (void)arg;
    while (!stress_stop) {
        raise(SIGUSR1);
        stress_sent++;
    }
    return NULL;
}

static void test_disposition_race(void)
{
    pthread_t t;
    struct sigaction on, off;
    memset(&on, 0, sizeof(on));
    on.sa_handler = stress_handler;
    memset(&off, 0, sizeof(off));
    off.sa_handler = SIG_IGN;
    sigaction(SIGUSR1, &on, NULL);
    pthread_create(&t, NULL, stress_raiser, NULL);
    while (stress_sent < 200)
        for (int i = 0; i < 2000; i++) {
            sigaction(SIGUSR1, &on, NULL);
            sigaction(SIGUSR1, &off, NULL);
        }
    stress_stop = 1;
    pthread_join(t, NULL);
    printf("disposition race: survived, sent >= 200\n");
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    for (int round = 0; round < 3; round++) {
        stress_stop = 0;
        stress_sent = 0;
        test_disposition_race();
    }
    return 0;
}
