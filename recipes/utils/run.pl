#!/usr/bin/env perl
# Runs a command locally, optionally as an array of jobs, as Kaldi's run.pl is used:
#   run.pl [--max-jobs-run N] [JOB=1:N] LOGFILE COMMAND...
# "JOB" in LOGFILE and COMMAND becomes the job index. Each job's output goes to its log file, headed by the
# command and followed by its exit status and time. Exits 1 if any job failed, naming the failed logs.
use strict; use warnings; use POSIX ":sys_wait_h";
my $max_jobs = `nproc` + 0; $max_jobs = 1 if $max_jobs < 1;
while (@ARGV && $ARGV[0] =~ /^--/) {
  my $o = shift @ARGV;
  if ($o =~ /^--max-jobs-run(?:=(\d+))?$/) { $max_jobs = defined $1 ? $1 : shift @ARGV; }
  elsif ($o =~ /^--(mem|gpu|num-threads|config)(=.*)?$/) { shift @ARGV unless defined $2; } # accepted for queue.pl compatibility
  else { die "run.pl: unknown option $o\n"; }
}
my ($var, $first, $last) = ("", 1, 1);
if (@ARGV && $ARGV[0] =~ /^([\w_]+)=(\d+):(\d+)$/) { ($var, $first, $last) = ($1, $2, $3); shift @ARGV; }
elsif (@ARGV && $ARGV[0] =~ /^([\w_]+)=(\d+)$/) { ($var, $first, $last) = ($1, $2, $2); shift @ARGV; }
@ARGV >= 2 or die "Usage: run.pl [--max-jobs-run N] [JOB=1:N] LOGFILE COMMAND...\n";
my $logfile = shift @ARGV;
my $cmd = join(" ", map { my $a = $_; ($a =~ /^[\w\/.:=,+@%-]+$/) ? $a : "'" . ($a =~ s/'/'\\''/gr) . "'" } @ARGV);
my (%running, @failed);
for my $j ($first .. $last) {
  while (scalar(keys %running) >= $max_jobs) { reap(1); }
  my ($log, $c) = ($logfile, $cmd);
  if ($var ne "") { $log =~ s/\b$var\b/$j/g; $c =~ s/\b$var\b/$j/g; }
  my $dir = $log; $dir =~ s{/[^/]*$}{}; system("mkdir", "-p", $dir) if $dir ne $log;
  my $pid = fork(); die "run.pl: fork failed\n" unless defined $pid;
  if ($pid == 0) {
    open(my $fh, ">", $log) or die "run.pl: cannot write $log\n";
    my $start = time; print $fh "# $c\n# Started at " . localtime() . "\n"; close $fh;
    my $ret = system("bash", "-c", "( $c ) >>'$log' 2>&1");
    my $status = $ret == -1 ? 255 : ($ret >> 8);
    open($fh, ">>", $log); print $fh "# Accounting: time=" . (time - $start) . " threads=1\n# Ended (code $status) at " . localtime() . "\n"; close $fh;
    exit($status == 0 ? 0 : 1);
  }
  $running{$pid} = $log;
}
reap(1) while %running;
if (@failed) { print STDERR "run.pl: " . scalar(@failed) . " / " . ($last - $first + 1) . " failed, log is in " . join(" ", @failed) . "\n"; exit 1; }
exit 0;
sub reap { my $pid = waitpid(-1, 0); return if $pid <= 0; my $log = delete $running{$pid}; push @failed, $log if $? != 0; }
