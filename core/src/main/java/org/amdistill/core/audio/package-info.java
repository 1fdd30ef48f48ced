/**
 * Audio in, the way Kaldi reads it.
 *
 * <ul>
 *   <li>{@link org.amdistill.core.audio.AudioReader}: WAV (RIFF/RIFX, PCM 8/16/24/32-bit, IEEE float 32/64-bit,
 *   WAVE_FORMAT_EXTENSIBLE, any rate and channel count, unknown chunks skipped, streaming writers' 0/0xFFFFFFFF
 *   sizes read to the end), NIST SPHERE (TIMIT: 16-bit PCM either byte order; 8-bit mu-law; shorten-compressed files
 *   are refused with a hint to use {@code sph2pipe -f wav FILE |} in wav.scp) and FLAC (our own decoder,
 *   {@code Flac}, CRC-checked). The format is found from the magic bytes. Samples are floats in 16-bit integer
 *   scale, as Kaldi's WaveData holds them; Kaldi itself reads only 16-bit WAV, and other sample formats are scaled
 *   as if converted to 16 bits.</li>
 *   <li>{@link org.amdistill.core.audio.WaveTable}: a wav.scp (paths, {@code cmd |}, {@code -}, offsets into
 *   wave archives) or a Kaldi wave archive ({@code ark:}), optionally with a segments file cut like Kaldi's
 *   extract-segments (truncating sample indices, 0.5 s end overshoot truncated, segments under 0.1 s rejected, a
 *   channel field required for multi-channel recordings). Each utterance fails on its own, with a message naming
 *   the utterance, the line, the file and the byte offset where one applies; the segments that extract-segments
 *   only warns about throw {@link org.amdistill.core.audio.WaveTable.SegmentRejected}.</li>
 *   <li>{@link org.amdistill.core.audio.AudioOptions} ({@code --channel}, {@code --allow-downsample},
 *   {@code --allow-upsample}) and {@link org.amdistill.core.audio.Resampler} (Kaldi's ResampleWaveform).</li>
 *   <li>{@link org.amdistill.core.audio.WavWriter}: 16-bit PCM WAV, written atomically.</li>
 * </ul>
 */
package org.amdistill.core.audio;
