/**
 * Which device TensorFlow runs on: the user's request ({@link
 * org.losslandscape.models.device.DeviceRequest}), what the machine offers ({@link
 * org.losslandscape.models.device.DeviceFacts}, gathered by {@link
 * org.losslandscape.models.device.DeviceProbe}), the pure decision ({@link
 * org.losslandscape.models.device.DeviceSelector}) and its result ({@link
 * org.losslandscape.models.device.DeviceChoice}), which also builds the session config and places
 * ops. The decision is kept pure so that every combination of request and machine state is unit
 * tested without a GPU; only the probe touches the machine.
 */
package org.losslandscape.models.device;
