package org.barq.api.checkpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.barq.api.model.AvgPool2d;
import org.barq.api.model.Conv2d;
import org.barq.api.model.DenseLayer;
import org.barq.api.model.Flatten;
import org.barq.api.model.Layer;
import org.barq.api.model.MaxPool2d;
import org.barq.api.model.Relu;

/**
 * {@code barq.network}: a JSON list with one object per layer, its {@code type} and the attributes that are not in
 * its tensors, e.g. {@code [{"type":"conv","out":16,"in":1,"kernel":[5,5],"stride":1,"padding":2},{"type":"relu"},
 * {"type":"maxpool","kernel":2,"stride":2},{"type":"flatten"},{"type":"dense","out":10,"in":3136}]}. Dense and conv
 * weights are the tensors {@code layers.{i}.weight} ({@code [out, in]}, {@code [out, in, kh, kw]}) and
 * {@code layers.{i}.bias}, {@code i} the layer's index in this list.
 */
final class NetworkJson {
    private NetworkJson() {
    }

    static String write(List<Layer> layers) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Layer layer : layers) {
            Map<String, Object> e = new LinkedHashMap<>();
            if (layer instanceof DenseLayer d) {
                e.put("type", "dense");
                e.put("out", d.out());
                e.put("in", d.in());
            } else if (layer instanceof Conv2d c) {
                e.put("type", "conv");
                e.put("out", c.out());
                e.put("in", c.in());
                e.put("kernel", List.of(c.kernelH(), c.kernelW()));
                e.put("stride", c.stride());
                e.put("padding", c.padding());
            } else if (layer instanceof MaxPool2d m) {
                e.put("type", "maxpool");
                e.put("kernel", m.kernel());
                e.put("stride", m.stride());
            } else if (layer instanceof AvgPool2d a) {
                e.put("type", "avgpool");
                e.put("kernel", a.kernel());
                e.put("stride", a.stride());
            } else if (layer instanceof Relu) {
                e.put("type", "relu");
            } else if (layer instanceof Flatten) {
                e.put("type", "flatten");
            }
            entries.add(e);
        }
        return CheckpointJson.write(entries);
    }
}
