/* Cold start: a program that does nothing, timed from process start to exit. */
int main(void) { return 0; }
