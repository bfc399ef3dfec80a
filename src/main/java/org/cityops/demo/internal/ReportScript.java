package org.cityops.demo.internal;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * What simulated inspectors and hotline callers report: problems across component and event
 * categories of the default catalog, in the words people use, at a point in a unit grid.
 */
final class ReportScript {

    /** One kind of problem: the subclass code and ways people describe it. */
    record Problem(String categoryCode, List<String> descriptions) {
    }

    /** A report to send: where, what, which category, and whether it comes from the hotline. */
    record Report(double longitude, double latitude, String address, String categoryCode, String description,
                  boolean hotline, String callerName, String callerPhone) {
    }

    static final List<Problem> PROBLEMS = List.of(
            new Problem("C0103", List.of("雨水井盖破损，行人经过有踩空危险", "雨水井盖缺失，已用锥桶临时围挡")),
            new Problem("C0102", List.of("污水井盖松动，车辆经过时哐当作响", "污水井盖下沉约5厘米")),
            new Problem("C0109", List.of("路灯不亮，夜间路段漆黑", "路灯杆倾斜，存在倒伏隐患")),
            new Problem("C0201", List.of("路面出现坑洼，电动车经过颠簸", "道路破损，积水严重")),
            new Problem("C0202", List.of("人行道地砖松动翘起", "人行道板缺失多块")),
            new Problem("C0205", List.of("交通信号灯不亮，路口通行混乱", "信号灯黄灯常闪")),
            new Problem("C0302", List.of("垃圾箱满溢，周边散落垃圾", "垃圾箱破损，盖子脱落")),
            new Problem("C0401", List.of("行道树枝叶遮挡交通标志", "行道树枯死，需要更换")),
            new Problem("E0101", List.of("绿化带内堆积生活垃圾", "路边有暴露垃圾，气味难闻")),
            new Problem("E0103", List.of("路面油污，清扫不及时", "道路不洁，落叶堆积")),
            new Problem("E0105", List.of("低洼路段积水约20厘米，车辆绕行", "小区门口积水，居民出行不便")),
            new Problem("E0201", List.of("电线杆上张贴非法小广告", "墙面喷涂办证小广告")),
            new Problem("E0303", List.of("工地未覆盖裸土，扬尘明显", "工地车辆出场未冲洗")),
            new Problem("E0302", List.of("夜间施工噪声扰民", "工地22点后仍在作业")),
            new Problem("E0401", List.of("流动摊贩占道经营，影响通行", "早市摊点占用人行道")),
            new Problem("E0402", List.of("餐馆店外经营，桌椅摆上人行道", "水果店占用门前人行道摆卖")),
            new Problem("E0403", List.of("机动车违停占用消防通道", "车辆乱停放堵塞小区出入口")),
            new Problem("E0404", List.of("共享单车乱停放，堵塞盲道", "非机动车堆放在公交站台")),
            new Problem("E0406", List.of("居民楼下堆放杂物占用道路", "建筑垃圾占道堆放")),
            new Problem("E0501", List.of("路面出现塌陷，已设置警示", "人行道局部塌陷")),
            new Problem("E0502", List.of("供水管道破裂，路面冒水", "消防栓漏水，路面积水")),
            new Problem("E0601", List.of("广场舞音响声音过大扰民", "商铺高音喇叭促销扰民")));

    private static final String[] SURNAMES = {"张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴"};
    private static final String[] ROADS = {"文三路", "教工路", "学院路", "庆春路", "延安路", "凤起路", "中河路",
            "莫干山路", "江南大道", "滨盛路", "湖墅南路", "天目山路", "文一路", "体育场路", "解放路"};

    private ReportScript() {
    }

    /**
     * Returns a report somewhere in the city: a random point inside the demo city's grids, a
     * problem and one of its descriptions; about a third come from the 12345 hotline.
     */
    static Report next(RandomGenerator random) {
        double lon = DemoCity.WEST + (0.002 + 0.996 * random.nextDouble()) * 2 * DemoCity.DISTRICT_WIDTH;
        double lat = DemoCity.SOUTH + (0.002 + 0.996 * random.nextDouble()) * 2 * DemoCity.DISTRICT_HEIGHT;
        Problem p = PROBLEMS.get(random.nextInt(PROBLEMS.size()));
        String description = p.descriptions().get(random.nextInt(p.descriptions().size()));
        String address = ROADS[random.nextInt(ROADS.length)] + (1 + random.nextInt(400)) + "号附近";
        boolean hotline = random.nextDouble() < 0.35;
        String caller = hotline ? SURNAMES[random.nextInt(SURNAMES.length)] + (random.nextBoolean() ? "先生" : "女士") : null;
        String phone = hotline ? "13" + (5 + random.nextInt(5)) + String.format("%08d", random.nextInt(100_000_000)) : null;
        return new Report(Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6, address, p.categoryCode(),
                hotline ? "市民来电反映：" + description : description, hotline, caller, phone);
    }
}
