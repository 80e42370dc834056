// Loaded only with `import('./chart-setup')`: Chart.js and the pieces our two charts use stay in a
// lazy chunk of their own, out of the initial bundle and out of the summary page's chunk.
import { ArcElement, BarController, BarElement, CategoryScale, Chart, DoughnutController, Legend, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, DoughnutController, ArcElement, Tooltip, Legend);

export { Chart };
